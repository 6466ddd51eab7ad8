package cn.approvalbridge.hub.platform.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import cn.approvalbridge.hub.platform.store.DeadLetters;
import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.Masking;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Operators list dead letters a page at a time (filtered by partner, source queue, failure time and whether resolved),
 * replay one or every open one a filter selects to the queue it came from, and mark them resolved.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Callers.OPERATOR)
public class DeadLetterResource {

    static final int MAX_LIMIT = 500;
    /** One bulk replay re-enqueues at most this many; the answer says how many more the filter still selects. */
    static final int MAX_REPLAY = 1000;

    @Inject
    DeadLetters deadLetters;

    @Inject
    SecurityIdentity identity;

    @GET
    public Map<String, Object> list(@QueryParam("partner") String partner, @QueryParam("queue") String queue,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("resolved") String resolved,
            @QueryParam("contains") String contains, @QueryParam("limit") @DefaultValue("50") String limit, @QueryParam("offset") @DefaultValue("0") String offset) {
        List<FieldError> errors = new ArrayList<>();
        DeadLetters.Filter filter = filter(partner, queue, from, to, resolved, contains, errors);
        int l = number("limit", limit, 1, MAX_LIMIT, errors);
        int o = number("offset", offset, 0, Integer.MAX_VALUE, errors);
        check(errors);
        DeadLetters.Page page = deadLetters.page(filter, l, o);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("limit", l);
        out.put("offset", o);
        out.put("items", page.items().stream().map(DeadLetterResource::masked).toList());
        return out;
    }

    @GET
    @Path("/{id}")
    public DeadLetters.DeadLetter get(@PathParam("id") String id) {
        return deadLetters.find(id).map(DeadLetterResource::masked).orElseThrow(() -> notFound(id));
    }

    /**
     * Replays every open dead letter the filter selects that was not replayed yet (at least one criterion, so "all" is
     * never a slip): after a partner's fix, `?partner=department-FGW`; a second call finds none, and a letter that
     * fails again comes back as a new one.
     */
    @POST
    @Path("/replay")
    public Map<String, Object> replayAll(@QueryParam("partner") String partner, @QueryParam("queue") String queue,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("contains") String contains) {
        List<FieldError> errors = new ArrayList<>();
        DeadLetters.Filter filter = filter(partner, queue, from, to, null, contains, errors);
        if (partner == null && queue == null && from == null && to == null && contains == null) {
            errors.add(new FieldError("partner", "required", "name at least one of partner, queue, from, to, contains"));
        }
        check(errors);
        List<String> ids = deadLetters.openIds(filter, MAX_REPLAY);
        ids.forEach(deadLetters::replay);
        return Map.of("replayed", ids.size(), "ids", ids);
    }

    @POST
    @Path("/{id}/replay")
    public DeadLetters.DeadLetter replay(@PathParam("id") String id) {
        return deadLetters.replay(id).map(DeadLetterResource::masked).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/resolve")
    public DeadLetters.DeadLetter resolve(@PathParam("id") String id) {
        return deadLetters.resolve(id, identity.getPrincipal().getName()).map(DeadLetterResource::masked)
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "id", "not_found", "no dead letter " + id);
    }

    private static DeadLetters.Filter filter(String partner, String queue, String from, String to, String resolved,
            String contains, List<FieldError> errors) {
        Boolean r = null;
        if (resolved != null && !resolved.isBlank()) {
            if (!resolved.equals("true") && !resolved.equals("false")) {
                errors.add(new FieldError("resolved", "not_allowed", "true or false"));
            } else {
                r = Boolean.valueOf(resolved);
            }
        }
        return new DeadLetters.Filter(blankToNull(partner), blankToNull(queue), time("from", from, errors),
                time("to", to, errors), r, blankToNull(contains));
    }

    private static OffsetDateTime time(String name, String v, List<FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "invalid_time", "an ISO time with offset, e.g. 2026-03-10T08:00:00+08:00"));
            return null;
        }
    }

    private static int number(String name, String v, int min, int max, List<FieldError> errors) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "out_of_range", "a whole number from " + min + " to " + max));
        return min;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
    }

    private static DeadLetters.DeadLetter masked(DeadLetters.DeadLetter d) {
        return new DeadLetters.DeadLetter(d.id(), d.partner(), d.sourceQueue(), d.deadLetterQueue(),
                Masking.maskText(d.body()), Masking.maskText(d.reason()), d.failedAt(), d.replayedAt(), d.replayCount(),
                d.resolvedAt(), d.resolvedBy());
    }
}
