package cn.approvalbridge.hub.prereview;

import java.math.BigDecimal;
import java.util.List;

/** The canonical declaration (项目申报), as accepted from the window after validation. */
public record Declaration(String declarationId, String projectName, String approvalClass, String regionCode,
        String departmentCode, String projectTypeCode, String constructionNature, String site, BigDecimal totalInvestment,
        String plannedStart, String plannedFinish, String scale, Unit unit, List<String> preReviewDepartments,
        String projectClass, String projectList, String keyProject) {

    /** The class that sets the whole-project time limit (hub.project-limits.&lt;class&gt;). */
    public static final java.util.Set<String> PROJECT_CLASSES = java.util.Set.of("GOVERNMENT_INVESTED", "SOCIAL_GENERAL",
            "SMALL_SOCIAL");
    /** The three lists of projects pushed through (社会投资类, 城市建设类, 工业"四改"类). */
    public static final java.util.Set<String> PROJECT_LISTS = java.util.Set.of("SOCIAL_INVESTMENT", "URBAN_CONSTRUCTION",
            "INDUSTRIAL_RENOVATION");
    /** A key project's level (重点项目: 省级, 市级, 区级); none: not a key project. */
    public static final java.util.Set<String> KEY_PROJECT_LEVELS = java.util.Set.of("PROVINCIAL", "MUNICIPAL", "DISTRICT");

    /**
     * The class when the window names none: approval (审批制) is the regime of government-invested projects, the others
     * (核准, 备案) of enterprise investment, whose general class is the default.
     */
    public static String defaultClass(String approvalClass) {
        return "APPROVAL".equals(approvalClass) ? "GOVERNMENT_INVESTED" : "SOCIAL_GENERAL";
    }

    public record Unit(String name, String creditCode, String contactName, String contactMobile) {
    }
}
