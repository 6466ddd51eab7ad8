package cn.approvalbridge.hub.utility;

import static cn.approvalbridge.hub.utility.UtilityTestSupport.apply;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.deadLetters;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.form;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.status;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.utility.SandboxSftpServer;
import cn.approvalbridge.hub.sandbox.utility.SandboxUtilities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input gets field-level errors and changes nothing; malformed provider input is kept for operators. */
@QuarkusTest
class UtilityInputTest {

    @Inject
    SandboxUtilities sandboxProviders;

    @Inject
    SandboxSftpServer sftp;

    @AfterEach
    void reset() {
        sandboxProviders.resetBehaviours();
    }

    @Test
    void everyBadFieldIsNamedByItsPathAndOnlySelectedSectionsAreRequired() {
        String code = codedProject(Fixtures.mobile());
        Map<String, Object> f = form(Fixtures.uniqueId("UV"), "12345", "POWER", "WATER", "SEWAGE");
        f.put("power", Map.of("capacityKva", -5, "voltageKv", "ten"));
        f.remove("water");
        f.remove("gas"); // not selected: not required
        f.put("surveyWindows", List.of(Map.of("from", "2026-03-20", "to", "2026-03-10")));
        apply(code, f).statusCode(400).body("errors.field", containsInAnyOrder("utilities[2]", "contact.mobile",
                "power.capacityKva", "power.voltageKv", "water", "surveyWindows[0].to"));
        // a malformed project code is a field error too; an unknown one is 404; nothing was stored
        apply("2603-141002-89-01-00000X", form(Fixtures.uniqueId("UV"), Fixtures.mobile(), "GAS")).statusCode(400)
                .body("errors[0].field", equalTo("projectCode"));
        apply(cn.approvalbridge.support.ProjectCode.compose(java.time.YearMonth.of(2026, 3), "141002", "89", "01", "00000"), form(Fixtures.uniqueId("UV"), Fixtures.mobile(), "GAS")).statusCode(404)
                .body("errors[0].field", equalTo("projectCode"));
        assertEquals(List.of(), status(code).getList("utilities"));
    }

    @Test
    void sameApplicationAgainAnswersItsStateAndADifferentBodyConflicts() {
        String code = codedProject(Fixtures.mobile());
        String mobile = Fixtures.mobile();
        Map<String, Object> f = form(Fixtures.uniqueId("UI"), mobile, "GAS");
        apply(code, f).statusCode(202);
        f.put("contact", Map.of("name", "王五", "mobile", "+86 " + mobile)); // the same after normalisation
        apply(code, f).statusCode(200).body("application.applicationId", equalTo(f.get("applicationId")));
        Map<String, Object> changed = new HashMap<>(f);
        changed.put("site", "另一地块");
        apply(code, changed).statusCode(409).body("errors[0].field", equalTo("applicationId"))
                .body("errors[0].code", equalTo("conflict"));
        assertEquals(1, status(code).getList("utilities").size());
        // only the window files applications
        given().auth().preemptive().basic("utility-GAS", "sandbox").contentType(ContentType.JSON).body(f)
                .post("/api/v1/projects/" + code + "/utility-applications").then().statusCode(403);
    }

    @Test
    void aProviderReportsOnlyOnItsOwnUtility() {
        sandboxProviders.setBehaviour(Utility.GAS, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        String code = codedProject(Fixtures.mobile());
        String appId = Fixtures.uniqueId("UP");
        apply(code, form(appId, Fixtures.mobile(), "GAS")).statusCode(202);
        Map<String, Object> accepted = Map.of("applicationId", appId, "state", "ACCEPTED");
        report("utility-POWER", "GAS", accepted).statusCode(403).body("errors[0].code", equalTo("not_your_utility"));
        report("utility-POWER", "POWER", accepted).statusCode(403).body("errors[0].code", equalTo("not_requested"));
        report("dept-FGW", "GAS", accepted).statusCode(403);
        report("utility-GAS", "GAS", Map.of("applicationId", "NOPE-" + appId, "state", "ACCEPTED")).statusCode(404);
        report("utility-GAS", "SEWAGE", accepted).statusCode(404);
        report("utility-GAS", "GAS", accepted).statusCode(202).body("state", equalTo("ACCEPTED"));
        report("utility-GAS", "GAS", accepted).statusCode(200);
        report("utility-GAS", "GAS", Map.of("applicationId", appId, "state", "CONNECTED")).statusCode(202);
        report("utility-GAS", "GAS", Map.of("applicationId", appId, "state", "PLAN_REPLIED")).statusCode(409);
        assertEquals("CONNECTED", status(code).getString("utilities[0].state"));
    }

    @Test
    void malformedStatusIsRefusedFieldByFieldAndKeptForOperators() {
        String code = codedProject(Fixtures.mobile());
        String appId = Fixtures.uniqueId("UM");
        sandboxProviders.setBehaviour(Utility.POWER, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        apply(code, form(appId, Fixtures.mobile(), "POWER")).statusCode(202);
        given().auth().preemptive().basic("utility-POWER", "sandbox").contentType(ContentType.JSON)
                .body("{\"applicationId\":\"" + appId + "\",\"state\":").post("/api/v1/utility-providers/POWER/status")
                .then().statusCode(400).body("errors[0].code", equalTo("malformed_json"));
        report("utility-POWER", "POWER", Map.of("applicationId", appId, "state", "SWITCHED_ON", "surveyDate", "next week"))
                .statusCode(400).body("errors.field", containsInAnyOrder("state", "surveyDate"));
        given().auth().preemptive().basic("utility-POWER", "sandbox").contentType(ContentType.JSON)
                .body(Map.of("applicationId", appId, "slots", List.of("2026-03-10", "3/11")))
                .post("/api/v1/utility-providers/POWER/survey-availability").then().statusCode(400)
                .body("errors[0].field", equalTo("slots[1]"));
        assertEquals("REQUESTED", status(code).getString("utilities[0].state"));

        List<Map<String, Object>> kept = deadLetters(appId).stream()
                .filter(d -> "utility-POWER".equals(d.get("partner")) && ((String) d.get("body")).contains(appId)).toList();
        assertEquals(3, kept.size(), kept.toString());
        assertTrue(kept.stream().anyMatch(d -> ((String) d.get("body")).contains("SWITCHED_ON")
                && ((String) d.get("reason")).contains("unknown_state")), kept.toString());
        // a replay runs the same checks: still refused, still kept, still no change
        String id = (String) kept.get(0).get("id");
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/dead-letters/" + id + "/replay").then()
                .statusCode(200).body("replayCount", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(appId).stream()
                .filter(d -> ((String) d.get("body")).contains(appId)).count() == 4);
        assertEquals("REQUESTED", status(code).getString("utilities[0].state"));
    }

    @Test
    void aMalformedRowOfAResultFileIsKeptAndTheFilesGoodRowsAreRecorded() throws Exception {
        sandboxProviders.setBehaviour(Utility.HEAT, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        String code = codedProject(Fixtures.mobile());
        String appId = Fixtures.uniqueId("UF");
        apply(code, form(appId, Fixtures.mobile(), "HEAT")).statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !UtilityJourneyTest.received(Utility.HEAT, appId).isEmpty());

        // the heating company's file: a good row, a row with an unknown state, a row with a bad date, a broken row
        String file = HeatHeader.HEADER + "\n" + appId + ",STATUS,ACCEPTED,,,\n" + appId + ",STATUS,WARMING_UP,,,\n"
                + appId + ",AVAILABILITY,,,2026-03-10;2026-13-01,\n" + "\"" + appId + ",STATUS\n";
        Path results = sftp.root().resolve("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("bad.tmp"), file, StandardCharsets.UTF_8);
        Files.move(results.resolve("bad.tmp"), results.resolve("result-bad-" + appId + ".csv"));

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters(appId).stream()
                .filter(d -> "utility-HEAT".equals(d.get("partner")) && ((String) d.get("body")).contains(appId)).count() == 3);
        assertEquals("ACCEPTED", status(code).getString("utilities[0].state"));
        List<String> reasons = deadLetters(appId).stream().filter(d -> ((String) d.get("body")).contains(appId))
                .map(d -> (String) d.get("reason")).toList();
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown_state")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("slots[1]")), reasons.toString());
        assertTrue(Files.exists(results.resolve(".done").resolve("result-bad-" + appId + ".csv")));
    }

    static io.restassured.response.ValidatableResponse report(String user, String provider, Map<String, Object> body) {
        return given().auth().preemptive().basic(user, "sandbox").contentType(ContentType.JSON).body(body)
                .post("/api/v1/utility-providers/" + provider + "/status").then();
    }

    /** The result file's header, as the heating company writes it. */
    static final class HeatHeader {
        static final String HEADER = cn.approvalbridge.hub.partners.heat.HeatResultRow.HEADER;
    }
}
