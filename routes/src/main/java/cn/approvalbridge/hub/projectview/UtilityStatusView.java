package cn.approvalbridge.hub.projectview;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.support.Db;
import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.utility.UtilityProviders;
import cn.approvalbridge.hub.utility.UtilityApplication;
import cn.approvalbridge.hub.utility.UtilityApplications;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Mobile;

/** Builds the one query's model from the hub's declaration state and the utility applications. */
@ApplicationScoped
public class UtilityStatusView {

    /** Flag of an application filed before the project reached the 工程建设许可 stage (accepted, not refused). */
    public static final String EARLY_FLAG = "BEFORE_CONSTRUCTION_PERMIT_STAGE";

    /** Utility applications normally come at this stage (工程建设许可). */
    static final String CONSTRUCTION_PERMIT_STAGE = "工程建设许可";

    @Inject
    Db db;

    @Inject
    Declarations declarations;

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityProviders providers;

    @Inject
    Departments departments;

    @Inject
    Deadlines deadlines;

    @Inject
    Views views;

    /**
     * Whether the project is before the 工程建设许可 stage: no department has listed its items yet, or the earliest stage
     * with an undecided item is 立项用地规划许可 (the stage the project's approval items give, see ApprovalItems.stage).
     */
    public boolean earlyStage(Declarations.Row project) {
        String stage = db.read(c -> ApprovalItems.stage(ApprovalItems.items(c, project.projectCode())));
        return stage == null
                || ApprovalItems.STAGES.indexOf(stage) < ApprovalItems.STAGES.indexOf(CONSTRUCTION_PERMIT_STAGE);
    }

    public ProjectStatus project(Declarations.Row row, boolean unmasked) {
        Map<String, Object> d = views.declaration(row, declarations.reviews(row.declarationId()), false);
        List<ProjectStatus.Department> depts = new ArrayList<>();
        for (Declarations.Review r : declarations.reviews(row.declarationId())) {
            depts.add(new ProjectStatus.Department(r.departmentCode(), departments.name(r.departmentCode()), r.status(),
                    r.decision(), r.dueBy().toString(), time(r.answeredAt())));
        }
        ProjectStatus.Approval approval = new ProjectStatus.Approval((String) d.get("step"), row.status().name(),
                row.preReviewDueBy().toString(), time(row.codeAssignedAt()), depts);
        List<ProjectStatus.UtilityStatus> utilities = new ArrayList<>();
        List<ProjectStatus.ApplicationStatus> apps = new ArrayList<>();
        for (UtilityApplications.AppRow a : applications.byProject(row.projectCode())) {
            apps.add(application(a, unmasked));
            for (UtilityApplications.RequestRow q : applications.requests(a.applicationId())) {
                utilities.add(utility(a, q));
            }
        }
        return new ProjectStatus(row.projectCode(), row.projectName(), row.declarationId(), approval, utilities, apps);
    }

    public ProjectStatus.UtilityStatus utility(UtilityApplications.AppRow a, UtilityApplications.RequestRow q) {
        var today = deadlines.today();
        boolean overdue = q.dueBy() != null && q.dueBy().isBefore(today);
        return new ProjectStatus.UtilityStatus(q.utility().name(), q.utility().label(), providers.name(q.utility()),
                a.applicationId(), q.state().name(), q.state().label(), time(q.stateSince()), q.step(),
                q.dueBy() == null ? null : q.dueBy().toString(), q.warnedAt() != null, overdue,
                a.surveyDate() == null ? null : a.surveyDate().toString(),
                a.surveyDate() == null ? null : a.surveyStatus() == UtilityApplications.Survey.FIXED,
                q.providerSurveyDate() == null ? null : q.providerSurveyDate().toString(), q.reason());
    }

    public ProjectStatus.ApplicationStatus application(UtilityApplications.AppRow a, boolean unmasked) {
        UtilityApplication f = applications.form(a);
        return new ProjectStatus.ApplicationStatus(a.applicationId(), time(a.receivedAt()), a.earlyStage(),
                a.earlyStage() ? List.of(EARLY_FLAG) : List.of(), a.surveyStatus().name(),
                a.surveyDate() == null ? null : a.surveyDate().toString(),
                a.surveyUnsuited() == null ? List.of() : Arrays.asList(a.surveyUnsuited().split(",")),
                unmasked ? f.contact().name() : maskName(f.contact().name()),
                unmasked ? f.contact().mobile() : Mobile.mask(f.contact().mobile()));
    }

    /** The answer to the window's POST: the application and each utility's state. */
    public Map<String, Object> intakeAnswer(UtilityApplications.AppRow a, boolean unmasked) {
        return Map.of("application", application(a, unmasked), "utilities",
                applications.requests(a.applicationId()).stream().map(q -> utility(a, q)).toList());
    }

    static String maskName(String name) {
        return name == null || name.isEmpty() ? name : name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime().toString();
    }
}
