package cn.approvalbridge.hub.commitment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.api.Callers;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;

/**
 * Commitments in public (承诺公开: project, item, unit name, commitment text version, date, check outcome; nothing
 * personal) and the supervisors' board: every commitment approved, its check due, done, overdue or failed, so that
 * "100% checked" is a number.
 */
@Path("/api/v1/commitments")
@Produces(MediaType.APPLICATION_JSON)
public class CommitmentBoard {

    private static final int MAX = 500;

    @Inject
    Db db;
    @Inject
    Deadlines deadlines;
    @Inject
    ObjectMapper json;

    @GET
    @PermitAll
    @Operation(summary = "Published commitments (anonymous), optionally of one project; newest first, at most 500")
    public List<Map<String, Object>> published(@QueryParam("projectCode") String projectCode) {
        if (projectCode != null && !projectCode.matches("[A-Za-z0-9-]{1,32}")) {
            throw new ApiException(400, "projectCode", "format", "a project code");
        }
        return db.read(c -> Db.listAtMost(c, MAX, "SELECT m.project_code, m.item_code, i.item_name, d.body, m.text_version, "
                + "m.submitted_at, m.approved_at, m.check_outcome, m.checked_at, m.status FROM hub_commitment m "
                + "JOIN hub_project_item i ON i.project_code = m.project_code AND i.item_code = m.item_code "
                + "JOIN hub_declaration d ON d.declaration_id = m.declaration_id "
                + (projectCode == null ? "" : "WHERE m.project_code = ? ") + "ORDER BY m.submitted_at DESC", rs -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("projectCode", rs.getString(1));
                    p.put("itemCode", rs.getString(2));
                    p.put("itemName", rs.getString(3));
                    p.put("unitName", unitName(rs.getString(4)));
                    p.put("textVersion", rs.getString(5));
                    p.put("submittedOn", ChinaTime.text(Db.time(rs, "submitted_at")));
                    p.put("approvedOn", ChinaTime.text(Db.time(rs, "approved_at")));
                    p.put("checkOutcome", rs.getString(8));
                    p.put("checkedOn", ChinaTime.text(Db.time(rs, "checked_at")));
                    p.put("status", rs.getString(10));
                    return p;
                }, projectCode == null ? new Object[0] : new Object[] { projectCode }));
    }

    private String unitName(String declaration) {
        try {
            return json.readTree(declaration).path("unit").path("name").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    @GET
    @Path("/counts")
    @RolesAllowed({ "supervisor", "supervision", Callers.OPERATOR })
    @Operation(summary = "Commitments handed in and approved; follow-up checks due (open, not late), done, overdue, failed")
    public Map<String, Object> counts() {
        LocalDate today = deadlines.today();
        return db.read(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commitments", count(c, "SELECT COUNT(*) FROM hub_commitment"));
            m.put("approvedOnCommitment", count(c, "SELECT COUNT(*) FROM hub_commitment WHERE approved_at IS NOT NULL"));
            m.put("checksDue", count(c, "SELECT COUNT(*) FROM hub_commitment WHERE approved_at IS NOT NULL "
                    + "AND check_outcome IS NULL AND check_due_by >= ?", today));
            m.put("checksOverdue", count(c, "SELECT COUNT(*) FROM hub_commitment WHERE approved_at IS NOT NULL "
                    + "AND check_outcome IS NULL AND check_due_by < ?", today));
            m.put("checksDone", count(c, "SELECT COUNT(*) FROM hub_commitment WHERE check_outcome IS NOT NULL"));
            m.put("checksFailed", count(c, "SELECT COUNT(*) FROM hub_commitment WHERE check_outcome = 'FAILED'"));
            m.put("shortfallsOpen", count(c, "SELECT COUNT(*) FROM hub_shortfall WHERE supplied_at IS NULL"));
            m.put("shortfallsOverdue", count(c, "SELECT COUNT(*) FROM hub_shortfall WHERE supplied_at IS NULL "
                    + "AND due_by < ?", today));
            m.put("asOf", today.toString());
            return m;
        });
    }

    private static long count(java.sql.Connection c, String sql, Object... args) throws java.sql.SQLException {
        return Db.value(c, sql, rs -> rs.getLong(1), args);
    }

    /** For the project's view ("commitments" section): its commitments with their checks. */
    static List<Map<String, Object>> ofProject(List<Commitments.Commitment> all) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Commitments.Commitment k : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("itemCode", k.itemCode());
            m.put("documentRef", k.documentRef());
            m.put("textVersion", k.textVersion());
            m.put("status", k.status());
            m.put("submittedAt", ChinaTime.text(k.submittedAt()));
            m.put("approvedAt", ChinaTime.text(k.approvedAt()));
            m.put("checkDueBy", k.checkDueBy() == null ? null : k.checkDueBy().toString());
            m.put("checkWarnedAt", ChinaTime.text(k.checkWarnedAt()));
            m.put("checkEscalatedAt", ChinaTime.text(k.checkEscalatedAt()));
            m.put("checkOutcome", k.checkOutcome());
            m.put("checkReasons", k.checkReasons());
            m.put("checkedAt", ChinaTime.text(k.checkedAt()));
            out.add(m);
        }
        return out;
    }
}
