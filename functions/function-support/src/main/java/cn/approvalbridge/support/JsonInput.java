package cn.approvalbridge.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body field by field and collects every broken rule as a {@link FieldError} (the field's path,
 * a stable code, a message for people), so one answer names all bad fields. The codes are the product's: required,
 * not_a_string, too_long, not_allowed, format, invalid_date, not_an_object, not_an_array, malformed_json.
 */
public final class JsonInput {

    /** A body that is not a JSON object: the one error that says why. */
    public static final class NotAnObject extends RuntimeException {
        private final FieldError error;

        public NotAnObject(FieldError error) {
            super(error.message());
            this.error = error;
        }

        public FieldError error() {
            return error;
        }
    }

    /** The window of plausible dates of a project: anything outside is a typo. */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * The one reader of request bodies: a duplicate key or anything after the JSON value is an error (not silently the
     * last key or ignored), and every decimal is read exactly, so 1e309 is a number too large rather than Infinity.
     */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Ids the hub files things under: no dots, so never "." or ".." in a path or a file name. */
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    public static final String ID_RULE = "1–64 characters of A–Z a–z 0–9 _ -, starting with a letter or digit";

    /** The body as a JSON object; otherwise {@link NotAnObject} (absent, malformed, or another JSON value). */
    public static JsonNode object(ObjectMapper ignored, String body) {
        return object(body);
    }

    /** The body as a JSON object, read by {@link #STRICT} and with no control characters in any text. */
    public static JsonNode object(String body) {
        JsonNode tree = parse(body);
        if (tree == null) {
            throw new NotAnObject(new FieldError("$", "required", "a JSON body is required"));
        }
        if (!tree.isObject()) {
            throw new NotAnObject(new FieldError("$", "not_an_object", "the body must be a JSON object"));
        }
        return tree;
    }

    /** Any JSON value read by {@link #STRICT} and checked for control characters; null for an absent body. */
    public static JsonNode parse(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotAnObject(malformed(e));
        }
        if (tree != null) {
            FieldError control = controlCharacter(tree, "$");
            if (control != null) {
                throw new NotAnObject(control);
            }
        }
        return tree;
    }

    private static FieldError malformed(JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage());
        String where = "$";
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            where = path(p.getParsingContext());
        }
        if (msg.startsWith("Duplicate field")) {
            return new FieldError(where, "duplicate_key", "the key is given twice");
        }
        if (msg.startsWith("Trailing token")) {
            return new FieldError("$", "trailing_content", "nothing may follow the JSON value");
        }
        // The parser's own words name the token, which may be personal data: say only where it broke.
        var loc = e.getLocation();
        return new FieldError(where, "malformed_json", "the body is not valid JSON"
                + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }

    private static String path(JsonStreamContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            String seg = c.inArray() ? "[" + c.getCurrentIndex() + "]"
                    : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
            sb.insert(0, seg);
        }
        return sb.length() == 0 ? "$" : sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }

    /** The first text or key holding NUL, another control character (newline and tab excepted) or a lone surrogate. */
    static FieldError controlCharacter(JsonNode n, String path) {
        if (n.isTextual()) {
            return badCharacter(n.textValue()) ? new FieldError(path, "control_character",
                    "must not contain NUL, control characters (other than newline and tab) or unpaired surrogates") : null;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                FieldError e = controlCharacter(n.get(i), path + "[" + i + "]");
                if (e != null) {
                    return e;
                }
            }
        }
        if (n.isObject()) {
            for (var it = n.fields(); it.hasNext();) {
                var f = it.next();
                String p = path.equals("$") ? f.getKey() : path + "." + f.getKey();
                if (badCharacter(f.getKey())) {
                    return new FieldError(path, "control_character", "a key holds a control character");
                }
                FieldError e = controlCharacter(f.getValue(), p);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    public static boolean badCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\n' || ch == '\t' || ch == '\r') {
                continue;
            }
            if (Character.isISOControl(ch)) {
                return true;
            }
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return true;
            }
        }
        return false;
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

    /**
     * A required number greater than 0 and at most {@code max}, with at most {@code scale} decimals (bounds that fit
     * every column it reaches); {@code unit} is said in the messages.
     */
    public BigDecimal positive(JsonNode parent, String name, String path, BigDecimal max, int scale, String unit) {
        JsonNode n = parent.get(name);
        if (missing(n)) {
            add(path, "required", "is required");
        } else if (!n.isNumber()) {
            add(path, "not_a_number", "a number" + unit);
        } else if (n.decimalValue().signum() <= 0) {
            add(path, "must_be_positive", "must be greater than 0" + unit);
        } else if (n.decimalValue().compareTo(max) > 0) {
            add(path, "too_large", "at most " + max.toPlainString() + unit);
        } else if (n.decimalValue().stripTrailingZeros().scale() > scale) {
            add(path, "too_precise", "at most " + scale + " decimals");
        } else {
            return n.decimalValue();
        }
        return null;
    }

    /** A required id ({@link #ID}). */
    public String id(JsonNode parent, String name, String path) {
        return matching(parent, name, path, 64, ID, ID_RULE);
    }

    /** A required ISO date (2026-03-10). */
    public LocalDate date(JsonNode parent, String name, String path) {
        String s = text(parent, name, path, 10);
        if (s == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
                add(path, "out_of_range", "a date between " + MIN_YEAR + " and " + MAX_YEAR);
                return null;
            }
            return d;
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
