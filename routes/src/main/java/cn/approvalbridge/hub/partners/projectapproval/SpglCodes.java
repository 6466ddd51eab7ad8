package cn.approvalbridge.hub.partners.projectapproval;

import java.util.Map;

/**
 * The integer codes of the exchange standard the hub writes and reads (see src/test/resources/spgl/spgl-standard.json
 * for the lists and their sources). The flows speak their own words; these are the project approval system's.
 */
final class SpglCodes {

    private SpglCodes() {
    }

    // BLZT: item processing states
    static final int RECEIVED = 1;          // 已接件
    static final int WITHDRAWN_AT_RECEIPT = 2;
    static final int ACCEPTED = 3;          // 受理
    static final int NOT_ACCEPTED = 5;      // 不予受理
    static final int CORRECTION_START = 6;  // 补正 (开始)
    static final int CORRECTION_END = 7;    // 补正 (材料补齐)
    static final int PROCESSING = 8;        // 部门开始办理
    static final int DONE_APPROVED = 11;    // 办结 (通过)
    static final int DONE_APPROVED_SHORTFALL = 12; // 办结 (容缺通过)
    static final int DONE_DISAPPROVED = 13; // 办结 (不通过)
    static final int WITHDRAWN = 14;        // 撤回
    static final int REVOKED = 15;          // 撤销 (an approval revoked, e.g. its commitment proved untrue)

    // SJSCZT: upload states the province's collector writes
    static final int UPLOAD_WRITTEN = 0;
    static final int UPLOAD_TAKEN = 1;
    static final int UPLOAD_FAILED = 2;
    static final int UPLOAD_TAKEN_TOO = 3;
    static final int UPLOAD_FAILED_TOO = -1;

    /** DWLX 1: 建设单位. */
    static final int UNIT_BUILDER = 1;
    /** GKFS 1: published. */
    static final int PUBLISHED = 1;
    /** PFWJYXQX of a document without a validity. */
    static final String UNLIMITED = "9999-01-01";

    /** LXLX from the declaration's approval class. */
    static int lxlx(String approvalClass) {
        return switch (approvalClass) {
            case "APPROVAL" -> 1;
            case "VERIFICATION" -> 2;
            default -> 3;
        };
    }

    /** JSXZ from the declaration's construction nature (5: other, aplan's default). */
    static int jsxz(String nature) {
        return Map.of("NEW", 1, "EXPANSION", 2, "RECONSTRUCTION", 3, "RELOCATION", 4).getOrDefault(nature, 5);
    }

    /** SPJDXH from a department's stage name; 5 (并行推进) for one the standard does not name. */
    static int stage(String name) {
        return Map.of("立项用地规划许可", 1, "工程建设许可", 2, "施工许可", 3, "竣工验收", 4).getOrDefault(name, 5);
    }

    static final Map<Integer, String> STAGE_NAMES = Map.of(1, "立项用地规划许可", 2, "工程建设许可", 3, "施工许可",
            4, "竣工验收", 5, "并行推进");
}
