package cn.approvalbridge.hub.partners.functions;

import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/** The result-notification function: every notice to a project unit or a department, once per eventId. */
@ApplicationScoped
public class NotificationRoutes extends HubRouteBuilder {

    @Override
    protected void routes() {
        delivered(admit(consume(Queues.NOTIFICATIONS, "result-notification", "result-notification",
                Queues.DLQ_NOTIFICATION))
                .bean(Notifications.class, "send"));
    }
}
