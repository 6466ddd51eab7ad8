package cn.approvalbridge.hub.utility;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.hub.platform.api.ApiException;
import cn.approvalbridge.hub.platform.store.OutboxRelay;
import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.JsonInput;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A provider reports on its own utility only ({provider} is the utility, WATER…; the caller must be utility-WATER):
 * its state, or its free survey days. Input that fails validation is answered 400 field by field AND kept as a dead
 * letter for operators; it changes nothing.
 */
@Path("/api/v1/utility-providers/{provider}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed("utility")
public class UtilityProviderResource {

    @Inject
    ObjectMapper json;

    @Inject
    ProviderReports reports;

    @Inject
    RejectedInputs rejected;

    @Inject
    OutboxRelay relay;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/status")
    public Response status(@PathParam("provider") String provider, String body) {
        return receive(provider, ProviderInput.STATUS_JSON, body, ProviderInput::status);
    }

    @POST
    @Path("/survey-availability")
    public Response availability(@PathParam("provider") String provider, String body) {
        return receive(provider, ProviderInput.AVAILABILITY_JSON, body, ProviderInput::availability);
    }

    private Response receive(String provider, String format, String body,
            BiFunction<Utility, JsonNode, ProviderInput.Parsed> parse) {
        Utility u = caller(provider);
        JsonNode tree = parseOrKeep(u, format, body);
        return record(u, format, body, parse.apply(u, tree));
    }

    private Response record(Utility u, String format, String body, ProviderInput.Parsed p) {
        if (!p.valid()) {
            rejected.record(u, format, body, p.errors());
            throw new ApiException(400, p.errors());
        }
        ProviderReports.Result r = reports.report(p.report(), u.identity(), body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applicationId", p.report().applicationId());
        answer.put("utility", u.name());
        answer.put("state", r.current() == null ? null : r.current().name());
        return switch (r.outcome()) {
            case CREATED -> {
                r.messages().forEach(relay::relay);
                yield Response.accepted(answer).build();
            }
            case SAME -> Response.ok(answer).build();
            case NOT_FOUND -> throw new ApiException(404, "applicationId", "not_found",
                    "no utility application " + p.report().applicationId());
            case NOT_SELECTED -> throw new ApiException(403, "applicationId", "not_requested",
                    "application " + p.report().applicationId() + " did not ask for " + u);
            default -> throw new ApiException(409, p.report().isAvailability() ? "slots" : "state", "conflict",
                    u + " is " + r.current() + " on " + p.report().applicationId()
                            + (p.report().isAvailability() ? " or already gave other free days" : ": no step back"));
        };
    }

    private Utility caller(String provider) {
        Utility u = Utility.parse(provider);
        if (u == null) {
            throw new ApiException(404, "provider", "unknown_provider", "no utility provider " + provider
                    + " (WATER, POWER, GAS, HEAT, TELECOM)");
        }
        if (!identity.getPrincipal().getName().equals(u.identity())) {
            throw new ApiException(403, "provider", "not_your_utility",
                    identity.getPrincipal().getName() + " may report only on its own utility");
        }
        return u;
    }

    private JsonNode parseOrKeep(Utility u, String format, String body) {
        try {
            JsonNode tree = JsonInput.parse(body);
            if (tree == null) {
                throw new JsonInput.NotAnObject(new FieldError("$", "required", "a JSON body is required"));
            }
            return tree;
        } catch (JsonInput.NotAnObject e) {
            var errors = List.of(e.error());
            rejected.record(u, format, body, errors);
            throw new ApiException(400, errors);
        }
    }
}
