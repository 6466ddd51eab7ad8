package cn.approvalbridge.hub.partners.water;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import cn.approvalbridge.hub.utility.UtilityMessage;
import cn.approvalbridge.hub.utility.UtilityProviders;

/** The water company's side of a canonical message: its XML request, to its URL. */
@ApplicationScoped
public class WaterCompany {

    @Inject
    UtilityProviders providers;

    public WaterRequest request(UtilityMessage m, Exchange exchange) {
        exchange.getIn().setHeader(Exchange.HTTP_URI, providers.url(m.utility()));
        WaterRequest w = new WaterRequest();
        w.kind = m.kind();
        w.applicationId = m.applicationId();
        w.projectCode = m.projectCode();
        w.projectName = m.projectName();
        w.site = m.site();
        w.contactName = m.contactName();
        w.contactMobile = m.contactMobile();
        w.dailyDemandM3 = plain(m.demand().get("dailyDemandM3"));
        w.pipeDiameterMm = plain(m.demand().get("pipeDiameterMm"));
        w.surveyWindows = m.surveyWindows().stream()
                .map(x -> new WaterRequest.Window(x.from().toString(), x.to().toString())).toList();
        w.surveyDate = m.surveyDate() == null ? null : m.surveyDate().toString();
        w.surveyDateAgreed = m.surveyDate() == null ? null : m.surveyDateAgreed();
        w.answerTo = m.answerTo();
        return w;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
