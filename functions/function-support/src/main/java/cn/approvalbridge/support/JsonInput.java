package cn.approvalbridge.support;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a JSON request body field by field and collects every broken rule as a {@link FieldError} (the field's path,
 * a stable code, a message for people), so one answer names all bad fields. The codes are the product's: required,
 * not_a_string, too_long, not_allowed, format, invalid_date, not_an_object, not_an_array, malformed_json.
 */
public final class JsonInput {

    /** A body that is not a JSON object: the one error that says why. */
    public static final class NotAnObject extends RuntimeException {
        private final FieldError error;

        NotAnObject(FieldError error) {
            super(error.message());
            this.error = error;
        }

        public FieldError error() {
            return error;
        }
    }

    private final List<FieldError> errors = new ArrayList<>();

    /** The body as a JSON object; otherwise {@link NotAnObject} (absent, malformed, or another JSON value). */
    public static JsonNode object(ObjectMapper json, String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotAnObject(new FieldError("$", "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (tree == null) {
            throw new NotAnObject(new FieldError("$", "required", "a JSON body is required"));
        }
        if (!tree.isObject()) {
            throw new NotAnObject(new FieldError("$", "not_an_object", "the body must be a JSON object"));
        }
        return tree;
    }

    /** Absent, null, or blank text. */
    public static boolean missing(JsonNode n) {
        return n == null || n.isNull() || (n.isTextual() && n.asText().isBlank());
    }

    /** Required text of at most {@code max} characters, stripped; {@code path} names it in errors. */
    public String text(JsonNode parent, String name, String path, int max) {
        JsonNode n = parent.get(name);
        if (missing(n)) {
            add(path, "required", "is required");
            return null;
        }
        if (!n.isTextual()) {
            add(path, "not_a_string", "must be text");
            return null;
        }
        String v = n.asText().strip();
        if (v.length() > max) {
            add(path, "too_long", "at most " + max + " characters");
            return null;
        }
        return v;
    }

    public String text(JsonNode parent, String name, int max) {
        return text(parent, name, name, max);
    }

    /** As {@link #text}, but absent or blank is null without an error. */
    public String optionalText(JsonNode parent, String name, String path, int max) {
        return missing(parent.get(name)) ? null : text(parent, name, path, max);
    }

    /** Required text that is one of {@code allowed}; {@code rule} says which (default: "one of [..]"). */
    public String oneOf(JsonNode parent, String name, String path, Set<String> allowed, String rule) {
        String v = text(parent, name, path, 40);
        if (v != null && !allowed.contains(v)) {
            add(path, "not_allowed", rule != null ? rule : "one of " + new TreeSet<>(allowed));
            return null;
        }
        return v;
    }

    /** Required text matching {@code pattern} (error code format, with {@code rule} as its message). */
    public String matching(JsonNode parent, String name, String path, int max, Pattern pattern, String rule) {
        String v = text(parent, name, path, max);
        if (v != null && !pattern.matcher(v).matches()) {
            add(path, "format", rule);
            return null;
        }
        return v;
    }

    /** A required ISO date (2026-03-10). */
    public LocalDate date(JsonNode parent, String name, String path) {
        String s = text(parent, name, path, 10);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            add(path, "invalid_date", "a date like 2026-03-10");
            return null;
        }
    }

    /** A field the request makes required (unless it already has an error of its own). */
    public void requiredWhen(boolean required, Object value, String path, String why) {
        if (required && value == null && !hasError(path)) {
            add(path, "required", why);
        }
    }

    public void add(String path, String code, String message) {
        errors.add(new FieldError(path, code, message));
    }

    public boolean hasError(String path) {
        return errors.stream().anyMatch(e -> e.field().equals(path));
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
