package cn.approvalbridge.hub.projectview;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.directory.Departments;
import cn.approvalbridge.hub.prereview.DeclarationView;
import cn.approvalbridge.hub.prereview.Declarations;
import cn.approvalbridge.hub.supervision.ProjectLimits;
import cn.approvalbridge.hub.utility.ApplicationStatus;
import cn.approvalbridge.hub.utility.UtilityApplications;
import cn.approvalbridge.hub.utility.UtilityStatus;
import cn.approvalbridge.hub.utility.UtilityViews;
import cn.approvalbridge.support.ChinaTime;

/** Builds the one query's model (一口查询) from the declaration's state and the project's utility applications. */
@ApplicationScoped
public class ProjectStatusView {

    @Inject
    Declarations declarations;

    @Inject
    UtilityApplications applications;

    @Inject
    UtilityViews utilities;

    @Inject
    Departments departments;

    @Inject
    ProjectLimits limits;


    public ProjectStatus project(Declarations.Row row, boolean unmasked) {
        String step = DeclarationView.step(row.status());
        List<ProjectStatus.Department> depts = new ArrayList<>();
        for (Declarations.Review r : declarations.reviews(row.declarationId())) {
            depts.add(new ProjectStatus.Department(r.departmentCode(), departments.name(r.departmentCode()), r.status(),
                    r.decision(), r.dueBy().toString(), ChinaTime.text(r.answeredAt())));
        }
        ProjectStatus.Approval approval = new ProjectStatus.Approval(step, row.status().name(),
                row.preReviewDueBy().toString(), ChinaTime.text(row.codeAssignedAt()), depts);
        List<UtilityStatus> statuses = new ArrayList<>();
        List<ApplicationStatus> apps = new ArrayList<>();
        for (UtilityApplications.AppRow a : applications.byProject(row.projectCode())) {
            apps.add(utilities.application(a, unmasked));
            for (UtilityApplications.RequestRow q : applications.requests(a.applicationId())) {
                statuses.add(utilities.utility(a, q));
            }
        }
        ProjectLimits.Limit limit = limits.limit(row);
        return new ProjectStatus(row.projectCode(), row.projectName(), row.declarationId(), approval, statuses, apps,
                limit.dueBy().toString(), limit.daysLeft());
    }
}
