package cn.approvalbridge.hub.partners.jsonproviders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.utility.UtilityMessage;
import cn.approvalbridge.hub.utility.UtilityProviders;

/** The JSON providers' request: the hub's canonical message as it is, to the provider's URL. */
@ApplicationScoped
public class JsonProviders {

    @Inject
    ObjectMapper json;

    @Inject
    UtilityProviders providers;

    public String request(UtilityMessage m, Exchange exchange) throws JsonProcessingException {
        exchange.getIn().setHeader(Exchange.HTTP_URI, providers.url(m.utility()));
        return json.writeValueAsString(m);
    }
}
