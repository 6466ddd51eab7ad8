package cn.approvalbridge.hub.utility;

import cn.approvalbridge.hub.platform.deadline.DeadlineMonitor;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.apply;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.codedProject;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.form;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.sms;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.states;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.status;
import static cn.approvalbridge.hub.utility.UtilityTestSupport.trailKinds;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.TestClock;
import cn.approvalbridge.hub.sandbox.utility.SandboxUtilities;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** One joint application to five providers over three transports, through to CONNECTED, in the sandbox. */
@QuarkusTest
class UtilityJourneyTest {

    @Inject
    SandboxUtilities sandboxProviders;

    @Inject
    DeadlineMonitor monitor;

    @Inject
    TestClock clock;

    @AfterEach
    void reset() {
        sandboxProviders.resetBehaviours();
        clock.reset();
    }

    @Test
    void fiveUtilitiesOneFormOneSurveyAllConnected() {
        String mobile = Fixtures.mobile();
        String code = codedProject(mobile);
        String unit = Fixtures.mobile();
        String appId = Fixtures.uniqueId("UA");
        apply(code, form(appId, unit, "WATER", "POWER", "GAS", "HEAT", "TELECOM")).statusCode(202)
                .body("application.applicationId", equalTo(appId))
                .body("application.flags", hasItem("BEFORE_CONSTRUCTION_PERMIT_STAGE"))
                .body("utilities.state", equalTo(Collections.nCopies(5, "REQUESTED")))
                // power acceptance: 1 working day after Wed 2026-03-04; the others 3
                .body("utilities.find { it.utility == 'POWER' }.dueBy", equalTo("2026-03-05"))
                .body("utilities.find { it.utility == 'GAS' }.dueBy", equalTo("2026-03-09"));

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> states(code).equals(Collections.nCopies(5, "CONNECTED")));

        JsonPath s = status(code);
        assertEquals("CODE_ASSIGNMENT", s.getString("approval.step"));
        assertEquals(List.of("PASS"), s.getList("approval.departments.decision"));
        assertEquals(List.of("WATER", "POWER", "GAS", "HEAT", "TELECOM"), s.getList("utilities.utility"));
        // every sandbox provider offers every working day of the windows: the first one suits all
        assertEquals(Collections.nCopies(5, "2026-03-09"), s.getList("utilities.surveyDate"));
        assertEquals("FIXED", s.getString("utilityApplications[0].surveyStatus"));

        // each provider got its own format: XML for water, a CSV file over SFTP for heating, JSON for the others
        String water = (String) received(Utility.WATER, appId).get(0).get("body");
        assertTrue(water.startsWith("<WaterConnectionRequest kind=\"APPLICATION\">"), water);
        assertTrue(water.contains("<pipeDiameterMm>100</pipeDiameterMm>"), water);
        String heat = (String) received(Utility.HEAT, appId).get(0).get("body");
        assertTrue(heat.contains("\"APPLICATION\",\"" + appId + "\"") && heat.contains("\"12000\""), heat);
        String power = (String) received(Utility.POWER, appId).get(0).get("body");
        assertTrue(power.contains("\"capacityKva\":630"), power);
        assertEquals(List.of("APPLICATION", "SURVEY"), received(Utility.HEAT, appId).stream().map(m -> m.get("kind")).toList());

        // the unit: one SMS for the survey date, one per connection
        await().atMost(Duration.ofSeconds(10)).until(() -> sms(unit).size() == 6);
        List<String> texts = sms(unit).stream().map(m -> (String) m.get("text")).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("联合踏勘日期已定为2026-03-09")), texts.toString());
        for (String connected : List.of("通水", "通电", "通气", "通热", "通网")) {
            assertTrue(texts.stream().anyMatch(t -> t.contains(connected) && t.contains(code)), connected + " " + texts);
        }

        List<String> kinds = trailKinds(code);
        for (String k : List.of("UTILITY_APPLICATION", "UTILITY_APPLICATION_ACK", "UTILITY_AVAILABILITY", "SURVEY_FIXED",
                "UTILITY_SURVEY", "UTILITY_STATUS", "NOTIFY_UTILITY_STATUS_CHANGED")) {
            assertTrue(kinds.contains(k), k + " missing from " + kinds);
        }
        assertEquals(5 * 5, Collections.frequency(kinds, "UTILITY_STATUS"));
        given().auth().preemptive().basic("window", "sandbox").queryParam("verify", true)
                .get("/api/v1/projects/" + code + "/trail").then().body("valid", equalTo(true));

        // the project approval system's staging database (前置库) gets one item-processing detail row per status change
        // of each provider (SPGL_XMSPSXBLXXXXB, application <GCDM>-UTILITY-<U>), each written once, with the standard's
        // states: 受理 3, 办理 8 (survey, plan, construction), 办结 通过 11 (issue 13)
        await().atMost(Duration.ofSeconds(15)).until(() -> utilityStagingRows(code).size() >= 5 * 5);
        List<Map<String, Object>> rows = utilityStagingRows(code);
        assertEquals(5 * 5, rows.size(), rows.toString());
        for (String u : List.of("WATER", "POWER", "GAS", "HEAT", "TELECOM")) {
            assertEquals(List.of("3", "8", "8", "8", "11"), rows.stream()
                    .filter(r -> (code + "-001-UTILITY-" + u).equals(r.get("SPSXSLBM"))).map(r -> r.get("BLZT")).toList(),
                    u + " in " + rows);
        }
        // under the item the operator configured for the utility (hub.staging.items."UTILITY-<U>")
        assertTrue(rows.stream().filter(r -> String.valueOf(r.get("SPSXSLBM")).endsWith("-UTILITY-WATER"))
                .allMatch(r -> "临汾市供水公司".equals(r.get("BLCS"))), rows.toString());
    }

    static List<Map<String, Object>> utilityStagingRows(String code) {
        List<Map<String, Object>> all = given().queryParam("xmdm", code).get("/sandbox/approval/staging").then()
                .statusCode(200).extract().jsonPath().getList("SPGL_XMSPSXBLXXXXB");
        return all.stream().filter(r -> String.valueOf(r.get("SPSXSLBM")).contains("-UTILITY-")).toList();
    }

    @Test
    void aProviderThatRejectsIsReportedWithItsReasonAndTheOthersGoOn() {
        sandboxProviders.setBehaviour(Utility.GAS, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.REJECT));
        String code = codedProject(Fixtures.mobile());
        String unit = Fixtures.mobile();
        apply(code, form(Fixtures.uniqueId("UR"), unit, "GAS", "POWER")).statusCode(202);

        // listed in the form's canonical order: POWER before GAS
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> states(code).equals(List.of("CONNECTED", "REJECTED")));
        JsonPath s = status(code);
        Map<String, Object> gas = s.getMap("utilities.find { it.utility == 'GAS' }");
        assertEquals("REJECTED", gas.get("state"));
        assertTrue(((String) gas.get("reason")).contains("供应能力不足"), gas.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> sms(unit).size() == 3);
        List<String> texts = sms(unit).stream().map(m -> (String) m.get("text")).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("供气") && t.contains("不予受理") && t.contains("供应能力不足")),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("通电")), texts.toString());
    }

    @Test
    void aProviderSilentPastItsLimitIsWarnedThenEscalated() {
        sandboxProviders.setBehaviour(Utility.TELECOM, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        String code = codedProject(Fixtures.mobile());
        String appId = Fixtures.uniqueId("US");
        apply(code, form(appId, Fixtures.mobile(), "TELECOM")).statusCode(202)
                .body("utilities[0].dueBy", equalTo("2026-03-09"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Utility.TELECOM, appId).size() == 1);
        int before = sms("13600000015").size();
        // one monitor watches every limit: the project's item lists fall due meanwhile too, so count the provider's own
        monitor.check();
        assertTrue(!trailKinds(code, "utility-deadline-monitor").contains("DEADLINE_WARNING"), "nothing is due on the day of the application");

        clock.advance(Duration.ofDays(2)); // Friday 03-06: the 2nd of 3 working days, the warning day
        monitor.check();
        assertTrue(status(code).getBoolean("utilities[0].warned"));
        assertTrue(trailKinds(code, "utility-deadline-monitor").contains("DEADLINE_WARNING"));
        clock.advance(Duration.ofDays(4)); // Tuesday 03-10: past Monday's due day
        monitor.check();
        JsonPath s = status(code);
        assertTrue(s.getBoolean("utilities[0].overdue"));
        assertEquals("REQUESTED", s.getString("utilities[0].state"));
        assertEquals(1, Collections.frequency(trailKinds(code, "utility-deadline-monitor"), "OVERDUE_ESCALATION"));
        monitor.check(); // raised once only
        assertEquals(1, Collections.frequency(trailKinds(code, "utility-deadline-monitor"), "OVERDUE_ESCALATION"));
        // the escalation names the project by name and the application by id (templates since 177beff: a project in
        // pre-review has no code, so deadline notices never carry one); wait for that SMS itself, not any new one
        await().atMost(Duration.ofSeconds(10)).until(() -> sms("13600000015").size() > before
                && sms("13600000015").stream().anyMatch(m -> "OVERDUE_ESCALATION".equals(m.get("event"))
                        && ((String) m.get("text")).contains(appId) && ((String) m.get("text")).contains("受理")));
    }

    @Test
    void withNoCommonSurveyDayTheEarliestSuitingMostIsProposedAndTheRestEscalated() {
        for (Utility u : List.of(Utility.WATER, Utility.POWER, Utility.TELECOM)) {
            sandboxProviders.setBehaviour(u, new SandboxUtilities.Behaviour(SandboxUtilities.Rule.SILENCE));
        }
        String code = codedProject(Fixtures.mobile());
        String unit = Fixtures.mobile();
        String appId = Fixtures.uniqueId("UX");
        apply(code, form(appId, unit, "WATER", "POWER", "TELECOM")).statusCode(202);
        // the providers answer by hand: WATER and POWER can come on the 11th, TELECOM only on the 17th
        slots("WATER", appId, List.of("2026-03-11", "2026-03-18"));
        slots("POWER", appId, List.of("2026-03-10", "2026-03-11"));
        assertEquals("COLLECTING", status(code).getString("utilityApplications[0].surveyStatus"));
        slots("TELECOM", appId, List.of("2026-03-17"));

        JsonPath s = status(code);
        assertEquals("PROPOSED", s.getString("utilityApplications[0].surveyStatus"));
        assertEquals("2026-03-11", s.getString("utilityApplications[0].surveyDate"));
        assertEquals(List.of("TELECOM"), s.getList("utilityApplications[0].surveyUnsuited"));
        List<String> kinds = trailKinds(code);
        assertTrue(kinds.contains("SURVEY_PROPOSED") && kinds.contains("SURVEY_ESCALATION"), kinds.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> sms("13600000015").stream()
                .anyMatch(m -> ((String) m.get("text")).contains(code) && ((String) m.get("text")).contains("2026-03-11")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sms(unit).stream()
                .anyMatch(m -> ((String) m.get("text")).contains("联合踏勘日期拟定为2026-03-11")));
        // every provider, the unsuited one too, is told the proposed date through its adapter
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Utility.TELECOM, appId).size() == 2);
    }

    static void slots(String utility, String appId, List<String> days) {
        given().auth().preemptive().basic("utility-" + utility, "sandbox").contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("applicationId", appId, "slots", days))
                .post("/api/v1/utility-providers/" + utility + "/survey-availability").then().statusCode(202);
    }

    static List<Map<String, Object>> received(Utility u, String appId) {
        return given().queryParam("applicationId", appId).get("/sandbox/utilities/" + u + "/requests").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }
}
