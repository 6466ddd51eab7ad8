package cn.approvalbridge.hub.utility;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.utility.UtilityApplications.ProviderReport;
import cn.approvalbridge.support.FieldError;

/**
 * A provider's report, validated field by field whatever its transport: a status (JSON body or a STATUS row of a result
 * file) or free survey days (JSON body or an AVAILABILITY row).
 */
public final class ProviderInput {

    public record Parsed(ProviderReport report, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ProviderInput() {
    }

    public static Parsed status(Utility u, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new Parsed(null, List.of(new FieldError("$", "not_an_object", "the body must be a JSON object")));
        }
        return status(u, text(tree, "applicationId"), text(tree, "state"), text(tree, "surveyDate"), text(tree, "reason"),
                tree.hasNonNull("state") && !tree.get("state").isTextual());
    }

    public static Parsed status(Utility u, String applicationId, String state, String surveyDate, String reason,
            boolean stateNotText) {
        List<FieldError> errors = new ArrayList<>();
        requireId(applicationId, errors);
        UtilityState s = null;
        if (stateNotText) {
            errors.add(new FieldError("state", "not_a_string", "must be text"));
        } else if (state == null) {
            errors.add(new FieldError("state", "required", "ACCEPTED, SURVEY_SCHEDULED, PLAN_REPLIED, UNDER_CONSTRUCTION, "
                    + "CONNECTED or REJECTED"));
        } else if ((s = UtilityState.reported(state)) == null) {
            errors.add(new FieldError("state", "unknown_state", "'" + truncate(state) + "' is not one of ACCEPTED, "
                    + "SURVEY_SCHEDULED, PLAN_REPLIED, UNDER_CONSTRUCTION, CONNECTED, REJECTED"));
        }
        LocalDate date = date(surveyDate, "surveyDate", errors);
        if (s == UtilityState.REJECTED && reason == null) {
            errors.add(new FieldError("reason", "required", "a REJECTED must give the provider's reason"));
        }
        if (reason != null && reason.length() > 1000) {
            errors.add(new FieldError("reason", "too_long", "at most 1000 characters"));
        }
        return errors.isEmpty() ? new Parsed(new ProviderReport(u, applicationId, s, reason, date, null), List.of())
                : new Parsed(null, errors);
    }

    public static Parsed availability(Utility u, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new Parsed(null, List.of(new FieldError("$", "not_an_object", "the body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String id = text(tree, "applicationId");
        requireId(id, errors);
        List<LocalDate> slots = new ArrayList<>();
        JsonNode s = tree.get("slots");
        if (s == null || s.isNull()) {
            errors.add(new FieldError("slots", "required", "the free survey days, e.g. [\"2026-03-10\"] ([] for none)"));
        } else if (!s.isArray()) {
            errors.add(new FieldError("slots", "not_a_list", "a list of dates"));
        } else {
            for (int i = 0; i < s.size(); i++) {
                LocalDate d = s.get(i).isTextual() ? date(s.get(i).asText(), "slots[" + i + "]", errors) : null;
                if (!s.get(i).isTextual()) {
                    errors.add(new FieldError("slots[" + i + "]", "invalid_date", "a date like 2026-03-10"));
                }
                if (d != null) {
                    slots.add(d);
                }
            }
        }
        return errors.isEmpty() ? new Parsed(new ProviderReport(u, id, null, null, null, slots), List.of())
                : new Parsed(null, errors);
    }

    /** Free days of a result-file row: dates separated by ';'. */
    public static Parsed availability(Utility u, String applicationId, String slots) {
        List<FieldError> errors = new ArrayList<>();
        requireId(applicationId, errors);
        List<LocalDate> days = new ArrayList<>();
        if (slots != null) {
            String[] parts = slots.split(";");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    LocalDate d = date(parts[i].strip(), "slots[" + i + "]", errors);
                    if (d != null) {
                        days.add(d);
                    }
                }
            }
        }
        return errors.isEmpty() ? new Parsed(new ProviderReport(u, applicationId, null, null, null, days), List.of())
                : new Parsed(null, errors);
    }

    private static void requireId(String id, List<FieldError> errors) {
        if (id == null) {
            errors.add(new FieldError("applicationId", "required", "is required"));
        } else if (id.length() > 64) {
            errors.add(new FieldError("applicationId", "too_long", "at most 64 characters"));
        }
    }

    private static LocalDate date(String s, String field, List<FieldError> errors) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "invalid_date", "a date like 2026-03-10, not '" + truncate(s) + "'"));
            return null;
        }
    }

    private static String text(JsonNode tree, String name) {
        JsonNode n = tree.get(name);
        return n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank() ? null : n.asText().strip();
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
