package cn.approvalbridge.hub.utility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.FieldError;
import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.Mobile;

/**
 * Field validation of the joint form, every bad field named by its path ({@code power.capacityKva},
 * {@code surveyWindows[1].to}). Only the selected utilities' sections are required; the others are ignored and dropped.
 */
public final class UtilityApplicationValidator {

    private static final Pattern ID = JsonInput.ID;
    /** Windows further out than this are a typo, not a plan. */
    private static final int MAX_WINDOW_DAYS = 180;

    /** The numeric fields of each section: name, whether it must be a whole number, upper bound. */
    private record NumberField(String name, boolean integer, BigDecimal max) {
    }

    private static final Map<Utility, List<NumberField>> SECTIONS = Map.of(
            Utility.WATER, List.of(new NumberField("dailyDemandM3", false, new BigDecimal("1000000")),
                    new NumberField("pipeDiameterMm", true, new BigDecimal("3000"))),
            Utility.POWER, List.of(new NumberField("capacityKva", false, new BigDecimal("1000000")),
                    new NumberField("voltageKv", false, new BigDecimal("1000"))),
            Utility.GAS, List.of(new NumberField("peakM3PerHour", false, new BigDecimal("1000000"))),
            Utility.HEAT, List.of(new NumberField("areaM2", false, new BigDecimal("100000000"))),
            Utility.TELECOM, List.of(new NumberField("lines", true, new BigDecimal("100000"))));

    public record Result(UtilityApplication application, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private UtilityApplicationValidator() {
    }

    public static Result validate(String projectCode, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new Result(null, List.of(new FieldError("$", "not_an_object", "the body must be a JSON object")));
        }
        JsonInput in = new JsonInput();
        String id = in.text(tree, "applicationId", 64);
        if (id != null && !ID.matcher(id).matches()) {
            in.add("applicationId", "invalid", JsonInput.ID_RULE);
        }
        Set<Utility> utilities = new LinkedHashSet<>();
        JsonNode us = tree.get("utilities");
        if (us == null || us.isNull()) {
            in.add("utilities", "required", "choose at least one of WATER, POWER, GAS, HEAT, TELECOM");
        } else if (!us.isArray() || us.isEmpty()) {
            in.add("utilities", "invalid", "a non-empty list of WATER, POWER, GAS, HEAT, TELECOM");
        } else {
            for (int i = 0; i < us.size(); i++) {
                Utility u = us.get(i).isTextual() ? Utility.parse(us.get(i).asText().strip()) : null;
                if (u == null) {
                    in.add("utilities[" + i + "]", "unknown_utility",
                            "one of WATER, POWER, GAS, HEAT, TELECOM");
                } else if (!utilities.add(u)) {
                    in.add("utilities[" + i + "]", "duplicate", u + " is listed twice");
                }
            }
        }
        String site = in.text(tree, "site", 200);
        String contactName = null;
        String mobile = null;
        JsonNode contact = tree.get("contact");
        if (contact == null || contact.isNull()) {
            in.add("contact", "required", "the unit's contact: name and mobile");
        } else if (!contact.isObject()) {
            in.add("contact", "not_an_object", "must be an object with name and mobile");
        } else {
            contactName = in.text(contact, "name", "contact.name", 50);
            String raw = in.text(contact, "mobile", "contact.mobile", 20);
            if (raw != null) {
                Optional<String> m = Mobile.normalise(raw);
                if (m.isEmpty()) {
                    in.add("contact.mobile", "invalid", "a mainland mobile number, 11 digits starting 13-19");
                } else {
                    mobile = m.get();
                }
            }
        }
        Map<String, Map<String, BigDecimal>> demand = new LinkedHashMap<>();
        for (Utility u : Utility.values()) {
            if (!utilities.contains(u)) {
                continue;
            }
            JsonNode section = tree.get(u.section());
            if (section == null || section.isNull()) {
                in.add(u.section(), "required", u + " is selected: its section is required");
                continue;
            }
            if (!section.isObject()) {
                in.add(u.section(), "not_an_object", "must be an object");
                continue;
            }
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (NumberField f : SECTIONS.get(u)) {
                String path = u.section() + "." + f.name();
                JsonNode n = section.get(f.name());
                if (n == null || n.isNull()) {
                    in.add(path, "required", "is required");
                } else if (!n.isNumber()) {
                    in.add(path, "not_a_number", "must be a number");
                } else if (n.decimalValue().signum() <= 0) {
                    in.add(path, "not_positive", "must be greater than 0");
                } else if (f.integer() && n.decimalValue().stripTrailingZeros().scale() > 0) {
                    in.add(path, "not_an_integer", "must be a whole number");
                } else if (n.decimalValue().compareTo(f.max()) > 0) {
                    in.add(path, "too_large", "at most " + f.max().toPlainString());
                } else {
                    values.put(f.name(), n.decimalValue());
                }
            }
            demand.put(u.section(), values);
        }
        List<UtilityApplication.SurveyWindow> windows = new ArrayList<>();
        JsonNode ws = tree.get("surveyWindows");
        if (ws == null || ws.isNull()) {
            in.add("surveyWindows", "required", "when the site can be surveyed: [{from, to}]");
        } else if (!ws.isArray() || ws.isEmpty()) {
            in.add("surveyWindows", "invalid", "a non-empty list of {from, to} dates");
        } else {
            for (int i = 0; i < ws.size(); i++) {
                String path = "surveyWindows[" + i + "]";
                JsonNode w = ws.get(i);
                if (!w.isObject()) {
                    in.add(path, "not_an_object", "must be {from, to}");
                    continue;
                }
                LocalDate from = in.date(w, "from", path + ".from");
                LocalDate to = in.date(w, "to", path + ".to");
                if (from != null && to != null) {
                    if (to.isBefore(from)) {
                        in.add(path + ".to", "before_from", "must not be before from");
                    } else if (from.plusDays(MAX_WINDOW_DAYS).isBefore(to)) {
                        in.add(path + ".to", "too_long", "a window spans at most " + MAX_WINDOW_DAYS + " days");
                    } else {
                        windows.add(new UtilityApplication.SurveyWindow(from, to));
                    }
                }
            }
        }
        if (!in.valid()) {
            return new Result(null, in.errors());
        }
        return new Result(new UtilityApplication(id, projectCode, List.copyOf(utilities), site,
                new UtilityApplication.Contact(contactName, mobile), demand, windows), List.of());
    }
}
