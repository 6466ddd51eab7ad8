package cn.approvalbridge.hub.partners.water;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;
import cn.approvalbridge.hub.utility.UtilitySteps;

/** Water: the request in the water company's XML (Jackson XML data format) over HTTPS, to hub.utilities.WATER.url. */
@ApplicationScoped
public class WaterXmlRoutes extends UtilityRouteBuilder {

    @Override
    protected void routes() {
        postToPartner(consumeUtility(UtilityQueues.TO_XML_PROVIDERS, "utility-water-xml-request", "utility-WATER")
                .setBody(method(UtilitySteps.class, "message"))
                .setBody(method(WaterCompany.class, "request"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .marshal().jacksonXml()
                    .convertBodyTo(String.class), "utility-WATER", "application/xml; charset=UTF-8")
                .bean(UtilitySteps.class, "acknowledged")
                .end();
    }
}
