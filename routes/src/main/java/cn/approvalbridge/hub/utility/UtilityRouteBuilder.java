package cn.approvalbridge.hub.utility;

import org.apache.camel.model.RouteDefinition;

import cn.approvalbridge.hub.platform.camel.HubRouteBuilder;

/**
 * The hub's route conventions (dead letter channel, transacted consumers) with the utility flow's own consumer count,
 * hub.utilities.consumers: its queues carry a few messages per application, so fewer idle consumers than the hub's.
 */
public abstract class UtilityRouteBuilder extends HubRouteBuilder {

    protected RouteDefinition consumeUtility(String queue, String routeId, String partner) {
        return consume(queue, routeId, partner, UtilityQueues.DLQ_UTILITY, "{{hub.utilities.consumers}}");
    }
}
