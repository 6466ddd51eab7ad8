package cn.approvalbridge.hub.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import cn.approvalbridge.hub.TestClock;

/** A rehearsal moves the hub's time through POST /sandbox/clock; bad requests name the field and move nothing. */
@QuarkusTest
class SandboxClockTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void advancingMovesTheHubsTimeByCalendarDays() {
        OffsetDateTime before = now();
        assertEquals("+08:00", before.getOffset().getId(), "Beijing time");

        String after = given().contentType(ContentType.JSON).body("{\"advanceDays\": 5}")
                .post("/sandbox/clock").then().statusCode(200).extract().path("now");
        Duration moved = Duration.between(before, OffsetDateTime.parse(after));
        assertTrue(moved.compareTo(Duration.ofDays(5)) >= 0 && moved.compareTo(Duration.ofDays(5).plusMinutes(1)) < 0,
                "moved " + moved);
        // what every deadline monitor reads
        Duration seen = Duration.between(before.toInstant(), clock.instant());
        assertTrue(seen.compareTo(Duration.ofDays(5)) >= 0, "the injected clock moved too: " + seen);
    }

    @Test
    void badRequestsNameTheFieldAndDoNotMoveTheClock() {
        OffsetDateTime before = now();
        for (String body : new String[] {"{}", "{\"advanceDays\": 0}", "{\"advanceDays\": -3}", "{\"advanceDays\": 1.5}",
                "{\"advanceDays\": \"2\"}", "{\"advanceDays\": 99999}"}) {
            given().contentType(ContentType.JSON).body(body).post("/sandbox/clock").then().statusCode(400)
                    .body("errors[0].field", equalTo("advanceDays"));
        }
        assertTrue(Duration.between(before, now()).compareTo(Duration.ofMinutes(1)) < 0, "not moved");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.parse(given().get("/sandbox/clock").then().statusCode(200).extract().path("now"));
    }
}
