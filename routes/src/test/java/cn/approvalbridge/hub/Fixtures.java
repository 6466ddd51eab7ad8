package cn.approvalbridge.hub;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cn.approvalbridge.support.CreditCode;

/** Declarations for tests: unique ids and mobiles per run (the PostgreSQL test database outlives runs). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A random mobile far from the sandbox SMS provider's magic failure numbers (13900000001–4). */
    public static String mobile() {
        return "138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static String creditCode() {
        String body = "91350100M" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return body + CreditCode.checkCharacter(body);
    }

    public static Map<String, Object> declaration(String id, String mobile, List<String> departments) {
        return Map.ofEntries(
                Map.entry("declarationId", id),
                Map.entry("projectName", "尧都区智慧物流园" + id.substring(id.length() - 4)),
                Map.entry("approvalClass", "FILING"),
                Map.entry("regionCode", "141002"),
                Map.entry("departmentCode", "89"),
                Map.entry("projectTypeCode", "01"),
                Map.entry("constructionNature", "NEW"),
                Map.entry("site", "尧都区屯里镇"),
                Map.entry("totalInvestment", 12000.5),
                Map.entry("plannedStart", "2026-06"),
                Map.entry("plannedFinish", "2027-12"),
                Map.entry("scale", "占地120亩，建筑面积8万平方米"),
                Map.entry("unit", Map.of("name", "临汾市某物流有限公司", "creditCode", creditCode(), "contactName", "王五",
                        "contactMobile", mobile)),
                Map.entry("preReviewDepartments", departments));
    }

    /** The dead letters whose body holds {@code text} (an id), as the operator sees them. */
    public static List<Map<String, Object>> deadLettersAbout(String text) {
        return io.restassured.RestAssured.given().auth().preemptive().basic("operator", "sandbox")
                .queryParam("contains", text).queryParam("limit", 500).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }
}
