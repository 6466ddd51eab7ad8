package cn.approvalbridge.hub.sandbox.projectapproval;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.partners.projectapproval.StagingDb;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.hub.sandbox.department.SandboxApproval;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.platform.store.Leases;
import io.quarkus.scheduler.Scheduled;

/**
 * The sandbox project approval system (工改) and province collector, while the sandbox departments walk: it "uploads"
 * the hub's staging rows (SJSCZT 0 → 1, or 2 with SBYY when the item's process definition is missing) and decides
 * the accepted items listed in hub.sandbox.project-approval-system.items as a real one does: a BLZT 11 (办结 通过)
 * processing-detail row and an approval document row, both under its own keys (GGXT-…), by GCDM and SPSXSLBM.
 */
@ApplicationScoped
public class SandboxProjectApprovalSystem {

    private static final List<String> TABLES = List.of("SPGL_DFXMSPLCXXB", "SPGL_DFXMSPLCJDXXB", "SPGL_DFXMSPLCJDSXXXB",
            "SPGL_XMJBXXB", "SPGL_XMDWXXB", "SPGL_XMSPSXBLXXXXB", "SPGL_XMSPSXPFWJXXB");

    @Inject
    StagingDb staging;
    @Inject
    Clock clock;
    @Inject
    Sandbox sandbox;
    @Inject
    SandboxApproval departments;
    @Inject
    Leases leases;

    @Scheduled(every = "{hub.sandbox.project-approval-system.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "3s")
    void uploadAndDecide() {
        if (!sandbox.enabled() || !departments.walking() || !leases.hold("sandbox-project-approval-system")) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ChinaTime.ZONE));
        staging.inTransaction(c -> {
            for (String t : TABLES) {
                Db.update(c, "UPDATE " + t + " SET SJSCZT = 1 WHERE SJSCZT = 0");
            }
            // the collector refuses an item row whose process or item version it does not have
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 2, SBYY = '审批事项版本在地方流程中不存在' WHERE SJSCZT = 0 "
                    + "AND NOT EXISTS (SELECT 1 FROM SPGL_DFXMSPLCJDSXXXB s WHERE s.SPLCBM = SPGL_XMSPSXBLXXB.SPLCBM "
                    + "AND s.SPLCBBH = SPGL_XMSPSXBLXXB.SPLCBBH AND s.SPSXBM = SPGL_XMSPSXBLXXB.SPSXBM "
                    + "AND s.SPSXBBH = SPGL_XMSPSXBLXXB.SPSXBBH)");
            Db.update(c, "UPDATE SPGL_XMSPSXBLXXB SET SJSCZT = 1 WHERE SJSCZT = 0");
            List<String[]> toDecide = Db.list(c, "SELECT i.GCDM, i.SPSXSLBM, i.SPSXBM FROM SPGL_XMSPSXBLXXB i WHERE "
                    + "EXISTS (SELECT 1 FROM SPGL_XMSPSXBLXXXXB a WHERE a.GCDM = i.GCDM AND a.SPSXSLBM = i.SPSXSLBM "
                    + "AND a.BLZT = 3) AND NOT EXISTS (SELECT 1 FROM SPGL_XMSPSXBLXXXXB d WHERE d.GCDM = i.GCDM "
                    + "AND d.SPSXSLBM = i.SPSXSLBM AND d.BLZT IN (11, 12, 13, 14))",
                    rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
            for (String[] r : toDecide) {
                if (departments.decidedByProjectApprovalSystem(r[2])) {
                    decide(c, r[0], r[1], now);
                }
            }
            return null;
        });
    }

    /**
     * One 工改 decision: its state row and its document. Another hub's sandbox on a shared test database may have
     * written them since the SELECT: that duplicate is skipped at a savepoint, because on PostgreSQL a failed statement
     * aborts the whole transaction, this tick's uploads with it.
     */
    private void decide(Connection c, String gcdm, String spsxslbm, LocalDateTime now) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            String region = Db.value(c, "SELECT XZQHDM FROM SPGL_XMSPSXBLXXB WHERE GCDM = ? AND SPSXSLBM = ?",
                    rs -> rs.getString(1), gcdm, spsxslbm);
            Db.update(c, "INSERT INTO SPGL_XMSPSXBLXXXXB (DFSJZJ, XZQHDM, GCDM, SPSXSLBM, BLCS, BLR, BLZT, BLYJ, BLSJ, "
                    + "SJYXBS, SJSCZT, CJSJ, GXSJ) VALUES (?, ?, ?, ?, '工改系统（沙箱）', '审批员', 11, "
                    + "'工改系统审批通过（沙箱）', ?, 1, 1, ?, ?)", "GGXT-ZT-" + spsxslbm, region, gcdm, spsxslbm, now, now,
                    now);
            Db.update(c, "INSERT INTO SPGL_XMSPSXPFWJXXB (DFSJZJ, XZQHDM, GCDM, SPSXSLBM, PFRQ, PFWH, PFWJBT, PFWJYXQX, "
                    + "SJYXBS, SJSCZT, CJSJ, GXSJ) VALUES (?, ?, ?, ?, ?, ?, '施工许可批复（沙箱）', ?, 1, 1, ?, ?)",
                    "GGXT-WJ-" + spsxslbm, region, gcdm, spsxslbm, now.toLocalDate(),
                    "尧工改〔2026〕" + Math.abs(gcdm.hashCode() % 1000) + "号", java.time.LocalDate.of(9999, 1, 1), now, now);
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!StagingDb.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(before);
        }
    }
}
