package cn.approvalbridge.hub.sandbox.sms;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.sandbox.Sandbox;
import cn.approvalbridge.notification.SandboxMessage;
import cn.approvalbridge.notification.SandboxSmsProvider;

/** The SMS the sandbox provider of the result-notification function "sent" (sandbox only, 404 otherwise). */
@Path("/sandbox/sms")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxSmsResource {

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxSmsProvider sms;

    @GET
    public List<SandboxMessage> sms(@QueryParam("mobile") String mobile) {
        sandbox.require();
        return sms.messages(mobile);
    }

    /**
     * How many {@code event} messages went out from {@code since} (ISO-8601) on, and the latest one's time: 400 if either
     * is missing or malformed.
     */
    @GET
    @Path("/sent")
    public SandboxSmsProvider.Sent sent(@QueryParam("event") String event, @QueryParam("since") String since) {
        sandbox.require();
        if (event == null || event.isBlank()) {
            throw new ApiException(400, "event", "required", "the event to count, e.g. CODE_ASSIGNED");
        }
        try {
            return sms.sent(event, OffsetDateTime.parse(since == null ? "" : since).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since", "not_a_time", "an ISO-8601 time with its offset, e.g. "
                    + "2026-03-10T08:00:00+08:00");
        }
    }
}
