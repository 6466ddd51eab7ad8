package cn.approvalbridge.hub.partners.water;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.utility.UtilityHeaders;
import cn.approvalbridge.hub.utility.UtilityQueues;
import cn.approvalbridge.hub.utility.UtilityRouteBuilder;

/** Water: the request in the water company's XML (Jackson XML data format) over HTTPS, to hub.utilities.WATER.url. */
@ApplicationScoped
public class WaterXmlRoutes extends UtilityRouteBuilder {

    @Override
    public void configure() {
        deadLetters();

        consumeUtility(UtilityQueues.TO_XML_PROVIDERS, "utility-water-xml-request", "utility-WATER")
                .setBody(method("utilitySteps", "waterRequest"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false))
                    .marshal().jacksonXml()
                    .convertBodyTo(String.class)
                    .setProperty(UtilityHeaders.SENT, body())
                    .removeHeaders("JMS*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/xml; charset=UTF-8"))
                    // connect 3 s, response 10 s: as for the JSON providers
                    .to("http://utility-water?connectTimeout={{hub.partners.connect-timeout-ms}}"
                            + "&responseTimeout={{hub.partners.response-timeout-ms}}")
                    .bean("utilitySteps", "acknowledged")
                .end();
    }
}
