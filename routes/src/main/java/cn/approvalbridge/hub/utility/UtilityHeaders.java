package cn.approvalbridge.hub.utility;

/** Header and property names of the utility routes. */
public final class UtilityHeaders {

    public static final String APPLICATION_ID = "HubUtilityApplicationId";
    public static final String UTILITY = "HubUtility";
    public static final String KIND = "HubUtilityKind";

    private UtilityHeaders() {
    }
}
