package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.JsonInput;

/**
 * A provider's report, validated field by field whatever its transport: a status (JSON body or a STATUS row of a result
 * file) or free survey days (JSON body or an AVAILABILITY row). Values are read leniently, as a provider's systems
 * write them: a number where text is expected is taken as its text, a blank as absent.
 */
public final class ProviderInput {

    /** The envelope formats of the provider API's own JSON bodies. */
    public static final String STATUS_JSON = "status-json";
    public static final String AVAILABILITY_JSON = "availability-json";

    public record Parsed(ProviderReports.Report report, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final Parsed NOT_AN_OBJECT = new Parsed(null,
            List.of(new FieldError("$", "not_an_object", "the body must be a JSON object")));

    private ProviderInput() {
    }

    /**
     * The envelope in which raw provider input travels on the provider-input queue and is kept as a dead letter: the
     * input as it came, with what it is and where it came from, so a replay reads it again as it first was.
     */
    public static String envelope(Utility u, String format, String origin, String raw) {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        env.put("utility", u.name());
        env.put("format", format);
        env.put("source", u.identity());
        env.put("origin", origin);
        env.put("raw", raw);
        return env.toString();
    }

    public static Parsed status(Utility u, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return NOT_AN_OBJECT;
        }
        return status(u, text(tree, "applicationId"), text(tree, "state"), text(tree, "surveyDate"), text(tree, "reason"),
                tree.hasNonNull("state") && !tree.get("state").isTextual());
    }

    public static Parsed status(Utility u, String applicationId, String state, String surveyDate, String reason,
            boolean stateNotText) {
        JsonInput in = new JsonInput();
        requireId(applicationId, in);
        UtilityState s = null;
        if (stateNotText) {
            in.add("state", "not_a_string", "must be text");
        } else if (state == null) {
            in.add("state", "required", "ACCEPTED, SURVEY_SCHEDULED, PLAN_REPLIED, UNDER_CONSTRUCTION, CONNECTED or "
                    + "REJECTED");
        } else if ((s = UtilityState.reported(state)) == null) {
            in.add("state", "unknown_state", "'" + truncate(state) + "' is not one of ACCEPTED, SURVEY_SCHEDULED, "
                    + "PLAN_REPLIED, UNDER_CONSTRUCTION, CONNECTED, REJECTED");
        }
        LocalDate date = date(surveyDate, "surveyDate", in);
        if (s == UtilityState.REJECTED && reason == null) {
            in.add("reason", "required", "a REJECTED must give the provider's reason");
        }
        if (reason != null && JsonInput.badCharacter(reason)) {
            in.add("reason", "control_character", "must not contain NUL or control characters other than newline and tab");
        }
        if (reason != null && reason.length() > 1000) {
            in.add("reason", "too_long", "at most 1000 characters");
        }
        return parsed(in, new ProviderReports.Report(u, applicationId, s, reason, date, null));
    }

    public static Parsed availability(Utility u, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return NOT_AN_OBJECT;
        }
        JsonInput in = new JsonInput();
        String id = text(tree, "applicationId");
        requireId(id, in);
        List<LocalDate> slots = new ArrayList<>();
        JsonNode s = tree.get("slots");
        if (s == null || s.isNull()) {
            in.add("slots", "required", "the free survey days, e.g. [\"2026-03-10\"] ([] for none)");
        } else if (!s.isArray()) {
            in.add("slots", "not_a_list", "a list of dates");
        } else {
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isTextual()) {
                    in.add("slots[" + i + "]", "invalid_date", "a date like 2026-03-10");
                    continue;
                }
                LocalDate d = date(s.get(i).asText(), "slots[" + i + "]", in);
                if (d != null) {
                    slots.add(d);
                }
            }
        }
        return parsed(in, new ProviderReports.Report(u, id, null, null, null, slots));
    }

    /** Free days of a result-file row: dates separated by ';'. */
    public static Parsed availability(Utility u, String applicationId, String slots) {
        JsonInput in = new JsonInput();
        requireId(applicationId, in);
        List<LocalDate> days = new ArrayList<>();
        if (slots != null) {
            String[] parts = slots.split(";");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    LocalDate d = date(parts[i].strip(), "slots[" + i + "]", in);
                    if (d != null) {
                        days.add(d);
                    }
                }
            }
        }
        return parsed(in, new ProviderReports.Report(u, applicationId, null, null, null, days));
    }

    private static Parsed parsed(JsonInput in, ProviderReports.Report report) {
        return in.valid() ? new Parsed(report, List.of()) : new Parsed(null, in.errors());
    }

    private static void requireId(String id, JsonInput in) {
        if (id == null) {
            in.add("applicationId", "required", "is required");
        } else if (!JsonInput.ID.matcher(id).matches()) {
            in.add("applicationId", "format", JsonInput.ID_RULE);
        }
    }

    /** A date given as text; unlike {@link JsonInput#date} its error quotes the provider's value, for the operators. */
    private static LocalDate date(String s, String field, JsonInput in) {
        if (s == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < JsonInput.MIN_YEAR || d.getYear() > JsonInput.MAX_YEAR) {
                in.add(field, "out_of_range", "a date between " + JsonInput.MIN_YEAR + " and " + JsonInput.MAX_YEAR);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            in.add(field, "invalid_date", "a date like 2026-03-10, not '" + truncate(s) + "'");
            return null;
        }
    }

    private static String text(JsonNode tree, String name) {
        JsonNode n = tree.get(name);
        return JsonInput.missing(n) || !n.isValueNode() ? null : n.asText().strip();
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
