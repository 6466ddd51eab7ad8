package cn.approvalbridge.notification;

import static cn.approvalbridge.notification.Fields.trimmed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.approvalbridge.support.JsonInput;
import cn.approvalbridge.support.Mobile;
import cn.approvalbridge.support.ProjectCode;

/**
 * The rules of a notifyResult request, every broken one collected in a {@link JsonInput}: the eventId first (it
 * decides DUPLICATE before anything else is looked at), then event, mobile, projectCode, the template's placeholders
 * and the length of the text. A request that passes becomes the content of its ledger row.
 */
@ApplicationScoped
public class NotifyRequestCheck {

    static final int MAX_EVENT_ID = 128;

    @Inject
    NotificationConfig config;

    @Inject
    TemplateCatalog templates;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The idempotency key, trimmed; null with its error in {@code input} when missing or too long. */
    static String eventId(NotifyResultRequest req, JsonInput input) {
        String eventId = trimmed(req.eventId);
        if (eventId == null) {
            input.add("eventId", "required", "eventId is the idempotency key and is required");
            return null;
        }
        if (eventId.length() > MAX_EVENT_ID) {
            input.add("eventId", "too_long", "eventId has at most " + MAX_EVENT_ID + " characters");
            return null;
        }
        return eventId;
    }

    /** The row's content (event, mobile, project, text, template values), or null with the errors in {@code input}. */
    NotificationRow content(NotifyResultRequest req, JsonInput input) {
        String event = trimmed(req.event);
        NotificationTemplate template = template(event, input);
        String mobile = mobile(req.mobile, input);
        String projectCode = trimmed(req.projectCode);
        if (projectCode != null) {
            ProjectCode.verify(projectCode, "projectCode").errors().forEach(e -> input.add(e.field(), e.code(), e.message()));
        }
        String projectName = trimmed(req.projectName);
        NotificationRow row = new NotificationRow();
        if (template != null) {
            Map<String, String> values = values(req.params, projectCode, projectName);
            List<String> missing = template.placeholders().stream().filter(name -> !values.containsKey(name)).toList();
            for (String name : missing) {
                String field = name.equals("projectCode") || name.equals("projectName") ? name : "params." + name;
                input.add(field, "missing_placeholder", "the " + event + " template needs {" + name + "}");
            }
            if (missing.isEmpty()) {
                row.templateValues = json(template.select(values));
                row.text = "【" + config.signName() + "】" + template.render(values);
                if (SmsText.length(row.text) > SmsText.MAX_CHARACTERS) {
                    input.add("text", "too_long", "the message would be " + SmsText.length(row.text)
                            + " characters, signature included; at most " + SmsText.MAX_CHARACTERS);
                }
            }
        }
        if (!input.valid()) {
            return null;
        }
        row.event = event;
        row.mobile = mobile;
        row.projectCode = projectCode;
        row.projectName = projectName;
        row.rateKey = event + "|" + (projectCode == null ? "" : projectCode);
        row.parts = SmsText.parts(row.text);
        row.urgent = req.urgent;
        return row;
    }

    private NotificationTemplate template(String event, JsonInput input) {
        if (event == null) {
            input.add("event", "required", "event is required, one of " + new TreeSet<>(templates.all().keySet()));
            return null;
        }
        NotificationTemplate template = templates.get(event);
        if (template == null) {
            input.add("event", "unknown_event", "unknown event " + event + "; known: " + new TreeSet<>(templates.all().keySet()));
        }
        return template;
    }

    private static String mobile(String given, JsonInput input) {
        if (trimmed(given) == null) {
            input.add("mobile", "required", "the project unit's mobile number is required");
            return null;
        }
        Optional<String> normalised = Mobile.normalise(given);
        if (normalised.isEmpty()) {
            input.add("mobile", "invalid_mobile",
                    "must be a mainland mobile number ^1[3-9]\\d{9}$ (after dropping +86, 0086, 86, spaces, dashes)");
            return null;
        }
        return normalised.get();
    }

    /** The template's values: the params (blank ones dropped), then the request's own projectCode and projectName. */
    private static Map<String, String> values(Map<String, String> params, String projectCode, String projectName) {
        Map<String, String> values = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank() && !k.equals("projectCode") && !k.equals("projectName")) {
                    values.put(k, v.trim());
                }
            });
        }
        if (projectCode != null) {
            values.put("projectCode", projectCode);
        }
        if (projectName != null) {
            values.put("projectName", projectName);
        }
        return values;
    }

    private String json(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
