package cn.approvalbridge.hub.platform.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * What of a message's headers may leave the hub in a partner call: none of the hub's own (Hub*), the broker's (JMS*)
 * or Camel's (Camel*, filtered already by camel-http); the routes set what a partner needs (Content-Type, X-Request-Id).
 */
@ApplicationScoped
@Named(PartnerHeaderFilter.NAME)
public class PartnerHeaderFilter extends HttpHeaderFilterStrategy {

    public static final String NAME = "partnerHeaderFilter";

    public PartnerHeaderFilter() {
        setOutFilterStartsWith("Camel", "camel", "org.apache.camel.", "Hub", "hub", "JMS", "jms");
    }
}
