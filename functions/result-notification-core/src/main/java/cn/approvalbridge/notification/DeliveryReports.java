package cn.approvalbridge.notification;

import static cn.approvalbridge.notification.Fields.trimmed;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import cn.approvalbridge.support.Mobile;

/**
 * The providers' delivery reports: each is matched to its notification (by the provider's message id, or our id, and
 * the number it was sent to) and moves it to DELIVERED or FAILED. Every
 * report is answered as received, matched or not: a provider would retry a report we can never match.
 */
@ApplicationScoped
public class DeliveryReports {

    private static final Logger LOG = Logger.getLogger(DeliveryReports.class);

    @Inject
    NotificationLedger ledger;

    @Inject
    LedgerWrites writes;

    @Inject
    Clock clock;

    /** Alibaba Cloud's: matched on biz_id (BizId answered at send time), else out_id (our notificationId). */
    AliyunReportAnswer aliyun(List<AliyunSmsReport> reports) {
        long now = clock.millis();
        for (AliyunSmsReport report : reports == null ? List.<AliyunSmsReport>of() : reports) {
            if (report == null) {
                continue;
            }
            Optional<NotificationRow> row = Optional.empty();
            if (trimmed(report.bizId) != null) {
                row = ledger.findByProviderMessage(AliyunSmsProvider.NAME, report.bizId.trim());
            }
            if (row.isEmpty() && trimmed(report.outId) != null) {
                row = ledger.findById(report.outId.trim());
            }
            boolean delivered = Boolean.TRUE.equals(report.success);
            String detail = "aliyun report " + (delivered ? "DELIVERED" : "FAILED") + " err_code=" + report.errCode
                    + (report.errMsg == null ? "" : " err_msg=" + report.errMsg) + " report_time=" + report.reportTime;
            receipt(row, delivered, detail, "aliyun biz_id " + report.bizId, report.phoneNumber, now);
        }
        return new AliyunReportAnswer(0, "成功");
    }

    /** Tencent Cloud's: matched on sid (the SerialNo answered at send time). */
    TencentReportAnswer tencent(List<TencentSmsReport> reports) {
        long now = clock.millis();
        for (TencentSmsReport report : reports == null ? List.<TencentSmsReport>of() : reports) {
            if (report == null) {
                continue;
            }
            Optional<NotificationRow> row = trimmed(report.sid) == null ? Optional.empty()
                    : ledger.findByProviderMessage(TencentSmsProvider.NAME, report.sid.trim());
            boolean delivered = "SUCCESS".equalsIgnoreCase(trimmed(report.reportStatus));
            String detail = "tencent report " + report.reportStatus + " errmsg=" + report.errmsg
                    + (report.description == null ? "" : " description=" + report.description)
                    + " user_receive_time=" + report.userReceiveTime;
            receipt(row, delivered, detail, "tencent sid " + report.sid, report.mobile, now);
        }
        return new TencentReportAnswer(0, "OK");
    }

    private void receipt(Optional<NotificationRow> row, boolean delivered, String detail, String key, String mobile, long now) {
        // the message id alone is not enough: a forged report naming a guessed id must also name the number it went to
        Optional<String> number = mobile == null ? Optional.empty() : Mobile.normalise(mobile);
        if (row.isPresent() && (number.isEmpty() || !number.get().equals(Mobile.normalise(row.get().mobile).orElse(null)))) {
            row = Optional.empty();
        }
        if (row.isEmpty()) {
            LOG.warnf("delivery report for unknown message (%s, %s) ignored", key, Mobile.mask(mobile));
            return;
        }
        NotificationStatus outcome = delivered ? NotificationStatus.DELIVERED : NotificationStatus.FAILED;
        boolean moved = writes.applyReceipt(row.get().notificationId, outcome, SmsText.scrub(detail), now);
        LOG.infof("notification %s to %s: %s%s", row.get().notificationId, Mobile.mask(row.get().mobile), outcome,
                moved ? "" : " (report repeated or late, status unchanged)");
    }
}
