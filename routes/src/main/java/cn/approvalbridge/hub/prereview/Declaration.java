package cn.approvalbridge.hub.prereview;

import java.math.BigDecimal;
import java.util.List;

/** The canonical declaration (项目申报), as accepted from the window after validation. */
public record Declaration(String declarationId, String projectName, String approvalClass, String regionCode,
        String departmentCode, String projectTypeCode, String constructionNature, String site, BigDecimal totalInvestment,
        String plannedStart, String plannedFinish, String scale, Unit unit, List<String> preReviewDepartments) {

    public record Unit(String name, String creditCode, String contactName, String contactMobile) {
    }
}
