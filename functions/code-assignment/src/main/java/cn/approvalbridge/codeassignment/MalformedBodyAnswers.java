package cn.approvalbridge.codeassignment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.codeassignment.AssignCodeResponse.Outcome;
import cn.approvalbridge.support.FieldError;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;

/**
 * Funqy's HTTP binding answers a body it cannot read (not JSON, or a field of the wrong type) with a bare 400. The
 * contract promises every answer as HTTP 200 with the JSON body, so this failure handler turns that 400 into the
 * function's own REJECTED / invalid answer, naming the field Jackson stumbled on when it can
 * ({@code malformed_request}). HTTP binding only: the -Plambda build leaves this class out.
 */
public class MalformedBodyAnswers {

    private static final Logger LOG = Logger.getLogger(MalformedBodyAnswers.class);

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.post("/assignCode").failureHandler(ctx -> answer(ctx, AssignCodeRequest.class,
                error -> new AssignCodeResponse(Outcome.REJECTED, null, null, null, List.of(error))));
        router.post("/verifyCode").failureHandler(ctx -> answer(ctx, VerifyCodeRequest.class,
                error -> new VerifyCodeResponse(false, null, Map.of(), List.of(error))));
    }

    private void answer(RoutingContext ctx, Class<?> requestType, Function<FieldError, Object> reply) {
        if (ctx.statusCode() != 400 || ctx.response().ended()) {
            ctx.next();
            return;
        }
        FieldError error = diagnose(ctx, requestType);
        try {
            String json = mapper.writeValueAsString(reply.apply(error));
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(json);
        } catch (Exception e) {
            LOG.error("Cannot answer a malformed request body", e);
            ctx.next();
        }
    }

    private FieldError diagnose(RoutingContext ctx, Class<?> requestType) {
        String body = ctx.body() == null ? null : ctx.body().asString();
        String expected = requestType == AssignCodeRequest.class
                ? "{\"declarationId\": \"…\", \"regionCode\": \"610113\", \"departmentCode\": \"89\", \"projectTypeCode\": \"01\"}"
                : "{\"projectCode\": \"2603-141124-89-05-346948\"}";
        try {
            mapper.readValue(body == null ? "" : body, requestType);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (!field.isEmpty()) {
                return new FieldError(field, ErrorCodes.MALFORMED_REQUEST,
                        field + " has the wrong JSON type (a string is expected); the body must be " + expected);
            }
            return new FieldError("body", ErrorCodes.MALFORMED_REQUEST, "the body is not a JSON object of the form " + expected
                    + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return new FieldError("body", ErrorCodes.MALFORMED_REQUEST, "the body is not JSON of the form " + expected
                    + ": " + e.getOriginalMessage() + where);
        } catch (Exception e) {
            return new FieldError("body", ErrorCodes.MALFORMED_REQUEST, "the body is not JSON of the form " + expected);
        }
        return new FieldError("body", ErrorCodes.MALFORMED_REQUEST, "the body could not be read; it must be " + expected);
    }
}
