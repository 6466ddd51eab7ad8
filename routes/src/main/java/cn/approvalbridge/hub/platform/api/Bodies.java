package cn.approvalbridge.hub.platform.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.JsonInput;

/** The hub's door for JSON bodies: the body as an object, or 400 naming why; then every field error at once. */
@ApplicationScoped
public class Bodies {

    @Inject
    ObjectMapper json;

    /** The request body as a JSON object, or 400 ($ required / malformed_json / not_an_object). */
    public JsonNode object(String body) {
        try {
            return JsonInput.object(json, body);
        } catch (JsonInput.NotAnObject e) {
            throw new ApiException(400, java.util.List.of(e.error()));
        }
    }

    /** 400 with every field error the input collected, if any. */
    public static void check(JsonInput input) {
        if (!input.valid()) {
            throw new ApiException(400, input.errors());
        }
    }
}
