package cn.approvalbridge.hub.prereview;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.hub.Fixtures;
import cn.approvalbridge.hub.sandbox.department.SandboxDepartments;
import cn.approvalbridge.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A department down → redelivered with back-off → dead letter (queue + record) → department back → operator
 * replay → delivered once; replaying again repeats neither the code nor the SMS.
 */
@QuarkusTest
class DeliveryTest {

    @Inject
    SandboxDepartments departments;

    @Inject
    Db db;

    @AfterEach
    void reset() {
        departments.resetBehaviours();
    }

    @Test
    void departmentDownThenBackEverythingDeliveredOnce() {
        departments.setBehaviour("ZJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.DOWN, 0));
        String mobile = Fixtures.mobile();
        String id = JourneyTest.declare(Fixtures.declaration(Fixtures.uniqueId("DL"), mobile, List.of("FGW", "ZJ")));

        // retried on the broker until ZJ's retry horizon (3 s in the test profile) has passed, then the dead letter
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(id) != null);
        Map<String, Object> dl = deadLetter(id);
        assertEquals("department-ZJ", dl.get("partner"));
        assertEquals("hub.department.requests.ZJ", dl.get("sourceQueue"));
        assertEquals("hub.dlq.department", dl.get("deadLetterQueue"));
        assertTrue(((String) dl.get("reason")).contains("503"), (String) dl.get("reason"));
        assertNull(DeadlineTest.dept(id, "ZJ").get("requestedAt"));

        departments.resetBehaviours();
        // the bulk replay of the partner's dead letters; a second one finds nothing left to replay
        given().auth().preemptive().basic("operator", "sandbox").queryParam("partner", "department-ZJ")
                .post("/api/v1/dead-letters/replay").then().statusCode(200)
                .body("ids", org.hamcrest.Matchers.hasItem(dl.get("id")));
        given().auth().preemptive().basic("operator", "sandbox").queryParam("partner", "department-ZJ")
                .post("/api/v1/dead-letters/replay").then().statusCode(200)
                .body("ids", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(dl.get("id"))));
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/dead-letters/replay").then()
                .statusCode(400);
        await().atMost(Duration.ofSeconds(15)).until(() -> JourneyTest.sms(mobile).size() == 1);
        String code = JourneyTest.state(id).getString("projectCode");

        // replaying again (and a redelivered fan-out) repeats nothing
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/dead-letters/" + dl.get("id") + "/replay")
                .then().statusCode(200);
        given().auth().preemptive().basic("window", "sandbox").get("/api/v1/declarations/" + id).then().statusCode(200);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> JourneyTest.sms(mobile).size() == 1);
        assertEquals(code, JourneyTest.state(id).getString("projectCode"));
        assertEquals(1, count("SELECT COUNT(*) FROM ca_assignment WHERE declaration_id = ?", id));
        assertEquals(1, count("SELECT COUNT(*) FROM hub_sandbox_pending_work WHERE simulator = 'department-pre-review' "
                + "AND partner = 'ZJ' AND subject = ?", id));
        assertEquals(1, count("SELECT times_received FROM hub_sandbox_received WHERE simulator = 'investment-platform' "
                + "AND kind = 'PROJECT' AND subject = ?", code));
        given().auth().preemptive().basic("operator", "sandbox").post("/api/v1/dead-letters/nope/replay").then()
                .statusCode(404);
    }

    @Test
    void departmentBriefDownIsRedeliveredWithoutDeadLetter() {
        departments.setBehaviour("STHJ", new SandboxDepartments.Behaviour(SandboxDepartments.Rule.DOWN, 0));
        int refusedBefore = departments.refusedCount("STHJ");
        String mobile = Fixtures.mobile();
        String id = JourneyTest.declare(Fixtures.declaration(Fixtures.uniqueId("RD"), mobile, List.of("STHJ")));
        // the first attempt is refused; the department comes back before the redeliveries (0.5 s, 1 s) are used up
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10))
                .until(() -> departments.refusedCount("STHJ") > refusedBefore);
        departments.resetBehaviours();
        await().atMost(Duration.ofSeconds(15)).until(() -> JourneyTest.sms(mobile).size() == 1);
        assertEquals(null, deadLetter(id));
        assertEquals("CODE_ASSIGNED", JourneyTest.state(id).getString("status"));
    }

    private int count(String sql, String arg) {
        return db.read(c -> Db.one(c, sql, rs -> rs.getInt(1), arg).orElse(-1));
    }

    static Map<String, Object> deadLetter(String declarationId) {
        List<Map<String, Object>> list = Fixtures.deadLettersAbout(declarationId);
        return list.stream().filter(d -> ((String) d.get("body")).contains(declarationId)).findFirst().orElse(null);
    }
}
