package cn.approvalbridge.hub.utility;

/**
 * Where a provider stands: 受理 → 踏勘 → 方案答复 → 施工 → 验收接入, or rejected. REQUESTED is the hub's own state before
 * the provider's first answer; providers report the others. A provider may skip ahead, never go back.
 */
public enum UtilityState {
    REQUESTED(0, "已提交"),
    ACCEPTED(1, "已受理"),
    SURVEY_SCHEDULED(2, "已安排踏勘"),
    PLAN_REPLIED(3, "已答复接入方案"),
    UNDER_CONSTRUCTION(4, "施工中"),
    CONNECTED(5, "已接入"),
    REJECTED(9, "不予受理");

    private final int rank;
    private final String label;

    UtilityState(int rank, String label) {
        this.rank = rank;
        this.label = label;
    }

    public int rank() {
        return rank;
    }

    public String label() {
        return label;
    }

    public boolean terminal() {
        return this == CONNECTED || this == REJECTED;
    }

    /** States a provider may report. */
    public static UtilityState reported(String s) {
        for (UtilityState v : values()) {
            if (v != REQUESTED && v.name().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
