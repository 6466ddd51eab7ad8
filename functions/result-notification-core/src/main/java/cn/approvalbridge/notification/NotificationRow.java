package cn.approvalbridge.notification;

import java.sql.ResultSet;
import java.sql.SQLException;

import cn.approvalbridge.support.Db;

/** One row of rn_notification, as the service works with it, and its mapping to the table's columns. */
public class NotificationRow {

    static final String COLUMNS = "notification_id, event_id, event, mobile, project_code, project_name, rate_key, "
            + "message_text, parts, template_values, urgent, status, due_at_ms, send_after_ms, sent_at_ms, attempts, provider, "
            + "provider_message_id, last_error, version, created_at_ms";

    public String notificationId;
    public String eventId;
    public String event;
    public String mobile;
    public String projectCode;
    public String projectName;
    public String rateKey;
    public String text;
    public int parts;
    public String templateValues;
    public boolean urgent;
    public NotificationStatus status;
    public Long dueAtMs;
    public Long sendAfterMs;
    public Long sentAtMs;
    public int attempts;
    public String provider;
    public String providerMessageId;
    public String lastError;
    public int version;
    public long createdAtMs;

    /** The values of {@link #COLUMNS}, in their order. */
    Object[] columnValues() {
        return new Object[] { notificationId, eventId, event, mobile, projectCode, projectName, rateKey, text, parts,
                templateValues, urgent, status.name(), dueAtMs, sendAfterMs, sentAtMs, attempts, provider,
                providerMessageId, lastError, version, createdAtMs };
    }

    static NotificationRow read(ResultSet rs) throws SQLException {
        NotificationRow r = new NotificationRow();
        r.notificationId = rs.getString("notification_id");
        r.eventId = rs.getString("event_id");
        r.event = rs.getString("event");
        r.mobile = rs.getString("mobile");
        r.projectCode = rs.getString("project_code");
        r.projectName = rs.getString("project_name");
        r.rateKey = rs.getString("rate_key");
        r.text = rs.getString("message_text");
        r.parts = rs.getInt("parts");
        r.templateValues = rs.getString("template_values");
        r.urgent = rs.getBoolean("urgent");
        r.status = NotificationStatus.valueOf(rs.getString("status"));
        r.dueAtMs = Db.nullableLong(rs, "due_at_ms");
        r.sendAfterMs = Db.nullableLong(rs, "send_after_ms");
        r.sentAtMs = Db.nullableLong(rs, "sent_at_ms");
        r.attempts = rs.getInt("attempts");
        r.provider = rs.getString("provider");
        r.providerMessageId = rs.getString("provider_message_id");
        r.lastError = rs.getString("last_error");
        r.version = rs.getInt("version");
        r.createdAtMs = rs.getLong("created_at_ms");
        return r;
    }
}
