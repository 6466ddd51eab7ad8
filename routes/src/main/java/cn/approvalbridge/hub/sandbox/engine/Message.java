package cn.approvalbridge.hub.sandbox.engine;

import java.time.OffsetDateTime;

/**
 * A message a simulated partner received: one row of hub_sandbox_received, recorded once and counted on every repeat.
 *
 * @param simulator the simulator that received it
 * @param partner the simulated partner (a department code, a utility, PLATFORM)
 * @param kind what the message is (ITEM_LIST_REQUEST, APPLICATION, PROJECT, RESULT, …)
 * @param subject what it is about (a project code, an application id)
 * @param key the message within partner, kind and subject (a message id, an item code)
 * @param body the message as the partner received it
 * @param receivedAt when it first arrived (null before it is recorded)
 * @param timesReceived how often it arrived (0 before it is recorded)
 */
public record Message(String simulator, String partner, String kind, String subject, String key, String body,
        OffsetDateTime receivedAt, int timesReceived) {

    /** A message just arrived, not recorded yet. */
    public static Message arrived(String simulator, String partner, String kind, String subject, String key, String body) {
        return new Message(simulator, partner, kind, subject, key, body, null, 0);
    }
}
