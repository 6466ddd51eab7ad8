package cn.approvalbridge.hub.partners.keyprojects;

import jakarta.enterprise.context.ApplicationScoped;

import cn.approvalbridge.hub.keyprojects.KeyProjectMonth;
import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/** The key-project platform's queue: each fixed 一项目一表 row, POSTed once. */
@ApplicationScoped
public class KeyProjectPlatformRoutes extends HubRouteBuilder {

    public static final String DLQ = "hub.dlq.key-projects";

    @Override
    protected void routes() {
        postToPartner(consume(KeyProjectMonth.QUEUE, "key-project-platform-rows", KeyProjectPlatform.PARTNER, DLQ)
                .setBody(method(KeyProjectPlatform.class, "toPlatform"))
                .filter(header(HubHeaders.ALREADY_DONE).isEqualTo(false)), KeyProjectPlatform.PARTNER, JSON)
                .bean(KeyProjectPlatform.class, "delivered")
                .end();
    }
}
