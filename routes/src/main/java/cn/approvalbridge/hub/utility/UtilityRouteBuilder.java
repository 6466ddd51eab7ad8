package cn.approvalbridge.hub.utility;

import org.apache.camel.model.RouteDefinition;

import cn.approvalbridge.hub.platform.broker.HubHeaders;
import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;
import cn.approvalbridge.hub.platform.broker.Queues;

/**
 * The hub's route conventions (dead letter channel, transacted consumers) with the utility flow's own consumer count,
 * hub.utilities.consumers: its queues carry a few messages per application, so fewer idle consumers than the hub's.
 */
public abstract class UtilityRouteBuilder extends HubRouteBuilder {

    protected RouteDefinition consumeUtility(String queue, String routeId, String partner) {
        return from(Queues.jms(queue) + "?concurrentConsumers={{hub.utilities.consumers}}")
                .routeId(routeId)
                .setProperty(HubHeaders.SOURCE_QUEUE, constant(queue))
                .setProperty(HubHeaders.DEAD_LETTER_QUEUE, constant(UtilityQueues.DLQ_UTILITY))
                .setProperty(HubHeaders.PARTNER, constant(partner));
    }
}
