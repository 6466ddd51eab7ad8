package cn.approvalbridge.hub.sandbox.engine;

import java.time.OffsetDateTime;

/**
 * What a simulated partner will do once {@code dueAt} has come: one row of hub_sandbox_pending_work.
 *
 * @param simulator which simulator acts on it (each polls only its own work)
 * @param key unique within the simulator: scheduling the same key again (a redelivered message) schedules nothing
 * @param partner the simulated partner (a department code, a utility)
 * @param subject what the work is about (a declaration id, a project code, an application id)
 * @param action what the partner will do (a decision, ITEM_LIST, CONNECTED, …)
 * @param payload what it needs for that (an opinion, an item code, free survey days, …), or null
 */
public record Work(String simulator, String key, String partner, String subject, String action, String payload,
        OffsetDateTime dueAt) {
}
