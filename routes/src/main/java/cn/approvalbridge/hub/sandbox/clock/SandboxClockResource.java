package cn.approvalbridge.hub.sandbox.clock;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.support.ChinaTime;
import cn.approvalbridge.support.JsonInput;

/**
 * The sandbox clock (embedded default only, 404 otherwise): GET answers the hub's time, POST {"advanceDays": N} moves
 * every clock of the hub forward N calendar days; deadline monitors and monthly jobs act on it at their next tick.
 */
@Path("/sandbox/clock")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxClockResource {

    /** Ten years: enough to rehearse any limit or reporting month; more is a typo. */
    static final int MAX_DAYS = 3660;

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxClock clock;

    @GET
    public Map<String, Object> now() {
        sandbox.require();
        return answer();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> advance(String body) {
        sandbox.require();
        JsonNode days = JsonInput.object(body).get("advanceDays");
        if (JsonInput.missing(days)) {
            throw new ApiException(400, "advanceDays", "required", "is required");
        }
        if (!days.isIntegralNumber() || !days.canConvertToInt() || days.intValue() < 1 || days.intValue() > MAX_DAYS) {
            throw new ApiException(400, "advanceDays", "out_of_range",
                    "a whole number of calendar days from 1 to " + MAX_DAYS + " (the clock never moves back)");
        }
        clock.advance(Duration.ofDays(days.intValue()));
        return answer();
    }

    private Map<String, Object> answer() {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ChinaTime.ZONE)).truncatedTo(ChronoUnit.SECONDS);
        return Map.of("now", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now), "shiftDays", clock.shift().toDays());
    }
}
