package cn.approvalbridge.hub.approval;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.approval.ApprovalItems.Item;
import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.platform.broker.Queues;
import cn.approvalbridge.hub.platform.notice.Notices;
import cn.approvalbridge.hub.platform.store.Outbox;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.Db;

/**
 * Steps 4-7 on the database (ItemLists, MaterialReviews, ApprovalResults): every inbound answer is stored with its trail
 * entry and the messages it causes (outbox: notices, and the flow's records for the departments, the staging tables and
 * the investment platform) in ONE transaction under the declaration's row lock, before the API answers. Notices carry
 * deterministic eventIds, staging rows business keys: nothing happens twice. This class holds what the steps share.
 */
@ApplicationScoped
public class ApprovalFlow {

    public enum Outcome {
        CREATED, SAME, CONFLICT, NOT_FOUND, NOT_REQUESTED, NOT_YOUR_ITEM, WRONG_STATE, PREREQUISITE_PENDING
    }

    public record Result(Outcome outcome, String message, List<Outbox.Message> messages) {
        static Result of(Outcome o, String message) {
            return new Result(o, message, List.of());
        }
    }

    @Inject
    Db db;
    @Inject
    Outbox outbox;
    @Inject
    Notices notices;
    @Inject
    ObjectMapper json;

    public List<Item> items(String code) {
        return db.read(c -> ApprovalItems.items(c, code));
    }

    public List<ApprovalItems.ItemList> lists(String code) {
        return db.read(c -> ApprovalItems.lists(c, code));
    }

    /** The coded project's declaration, locked for this transaction; null when no declaration has this code. */
    static Declarations.Row lockProject(Connection c, String code) throws SQLException {
        var id = Db.one(c, "SELECT declaration_id FROM hub_declaration WHERE project_code = ?", rs -> rs.getString(1), code);
        return id.isEmpty() ? null : Declarations.lock(c, id.get()).orElse(null);
    }

    /** A notice to the project's unit (the SMS of {@code event}), through the outbox in the caller's transaction. */
    Outbox.Message noticeToUnit(Connection c, Declarations.Row row, String eventId, String event,
            Map<String, String> params) throws SQLException {
        return outbox.add(c, Queues.NOTIFICATIONS, notices.toUnit(eventId, event, row.unitMobile(), row.projectCode(),
                row.projectName(), params, row.declarationId()));
    }

    /** Hands a record to a partner's queue through the outbox, in the caller's transaction. */
    Outbox.Message handOver(Connection c, String queue, ApprovalRecord record) throws SQLException {
        return outbox.add(c, queue, text(record));
    }

    /** The record as it travels on a queue. */
    String text(ApprovalRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval record not serializable: " + record, e);
        }
    }
}
