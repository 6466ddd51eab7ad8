package cn.approvalbridge.hub.utility;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.approval.ApprovalItems;
import cn.approvalbridge.hub.platform.deadline.Deadlines;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.Db;
import cn.approvalbridge.support.Mobile;

/** The utility connection as the API shows it: each utility's progress and each application, and the stage check. */
@ApplicationScoped
public class UtilityViews {

    /** Flag of an application filed before the project reached the 工程建设许可 stage (accepted, not refused). */
    public static final String EARLY_FLAG = "BEFORE_CONSTRUCTION_PERMIT_STAGE";

    /** Utility applications normally come at this stage (工程建设许可). */
    static final String CONSTRUCTION_PERMIT_STAGE = "工程建设许可";

    @Inject
    Db db;

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityProviders providers;

    @Inject
    Deadlines deadlines;


    /**
     * Whether the project is before the 工程建设许可 stage: no department has listed its items yet, or the earliest stage
     * with an undecided item is 立项用地规划许可 (the stage the project's approval items give, see ApprovalItems.stage).
     */
    public boolean earlyStage(Declarations.Row project) {
        String stage = db.read(c -> ApprovalItems.stage(ApprovalItems.items(c, project.projectCode())));
        return stage == null
                || ApprovalItems.STAGES.indexOf(stage) < ApprovalItems.STAGES.indexOf(CONSTRUCTION_PERMIT_STAGE);
    }


    public UtilityStatus utility(UtilityApplications.AppRow a, UtilityApplications.RequestRow q) {
        var today = deadlines.today();
        boolean overdue = q.dueBy() != null && q.dueBy().isBefore(today);
        return new UtilityStatus(q.utility().name(), q.utility().label(), providers.name(q.utility()),
                a.applicationId(), q.state().name(), q.state().label(), ChinaTime.text(q.stateSince()), q.step(),
                q.dueBy() == null ? null : q.dueBy().toString(), q.warnedAt() != null, overdue,
                a.surveyDate() == null ? null : a.surveyDate().toString(),
                a.surveyDate() == null ? null : a.surveyStatus() == UtilityApplications.Survey.FIXED,
                q.providerSurveyDate() == null ? null : q.providerSurveyDate().toString(), q.reason());
    }


    public ApplicationStatus application(UtilityApplications.AppRow a, boolean unmasked) {
        UtilityApplication f = applications.form(a);
        return new ApplicationStatus(a.applicationId(), ChinaTime.text(a.receivedAt()), a.earlyStage(),
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


    public static String maskName(String name) {
        return name == null || name.isEmpty() ? name : name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }
}
