package cn.approvalbridge.hub.sandbox.projectapproval;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.partners.projectapproval.StagingDb;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * The sandbox project approval system (工改), while the sandbox departments walk: it "uploads" the hub's staging rows
 * (SJSCZT 0 → 1, or 2 with SBYY when a required field is missing) and decides the items listed in
 * hub.sandbox.project-approval-system.items by writing SPGL_XMSPSXPFWJXXB rows (SJLY=GGXT).
 */
@ApplicationScoped
public class SandboxProjectApprovalSystem {

    @Inject
    StagingDb staging;
    @Inject
    Clock clock;
    @Inject
    Sandbox sandbox;
    @Inject
    SandboxApproval departments;

    @Scheduled(every = "{hub.sandbox.project-approval-system.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "3s")
    void uploadAndDecide() {
        if (!sandbox.enabled() || !departments.walking()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE));
        staging.inTransaction(c -> {
            for (String t : List.of("SPGL_XMJBXXB", "SPGL_XMDWXXB", "SPGL_XMSPSXBLXXXXB", "SPGL_XMSPSXPFWJXXB")) {
                Db.update(c, "UPDATE " + t + " SET SJSCZT = 1 WHERE SJSCZT = 0 AND SJLY = 'HUB'");
            }
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 2, SBYY = 'XZQHDM 行政区划代码为空' WHERE SJSCZT = 0 AND XZQHDM IS NULL");
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 1 WHERE SJSCZT = 0");
            List<String[]> toDecide = Db.list(c, "SELECT b.XMDM, b.SPSXBM FROM SPGL_XMSPSXBLXXB b WHERE NOT EXISTS (SELECT 1 "
                    + "FROM SPGL_XMSPSXPFWJXXB w WHERE w.XMDM = b.XMDM AND w.SPSXBM = b.SPSXBM)",
                    rs -> new String[] { rs.getString(1), rs.getString(2) });
            for (String[] r : toDecide) {
                if (departments.decidedByProjectApprovalSystem(r[1])) {
                    decide(c, r[0], r[1], now);
                }
            }
            return null;
        });
    }

    /**
     * One 工改 decision row. The item's row may have been written since the SELECT (the hub's writer for a department's
     * decision, or another hub's sandbox on the shared PostgreSQL test database): that duplicate is skipped at a
     * savepoint, because on PostgreSQL a failed statement aborts the whole transaction, this tick's uploads with it.
     */
    private static void decide(Connection c, String xmdm, String spsxbm, OffsetDateTime now) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            Db.update(c, "INSERT INTO SPGL_XMSPSXPFWJXXB (ID, XMDM, SPSXBM, SPJG, PFWH, PFRQ, BLYJ, SJYXBS, SJSCZT, SJLY, "
                    + "CJSJ, HUB_QZZT) VALUES (?, ?, ?, '准予许可', ?, ?, '工改系统审批通过（沙箱）', 1, 1, 'GGXT', ?, 0)",
                    UUID.randomUUID().toString(), xmdm, spsxbm, "尧工改〔2026〕" + Math.abs(xmdm.hashCode() % 1000) + "号",
                    now.toLocalDate(), now);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!Db.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(before);
        }
    }
}
