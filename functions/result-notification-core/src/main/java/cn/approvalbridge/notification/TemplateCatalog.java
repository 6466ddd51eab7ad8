package cn.approvalbridge.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The message templates, one per event: data operators edit, not code. The classpath default
 * ({@value #CLASSPATH_FILE}) is replaced whole by the file named in {@code result-notification.templates.path}.
 * A changed file is read again on the next use (its modification time is checked), so an edit needs no restart.
 */
@ApplicationScoped
public class TemplateCatalog {

    public static final String CLASSPATH_FILE = "notification-templates.json";

    /** The events the product tells project units, department desks and the window about. */
    public static final Set<String> EVENTS = Set.of("CODE_ASSIGNED", "PRE_REVIEW_REJECTED", "ITEM_LIST_READY",
            "MATERIALS_ACCEPTED", "MATERIALS_RETURNED", "RESULTS_READY", "UTILITY_STATUS_CHANGED", "DEADLINE_WARNING",
            "OVERDUE_ESCALATION", "PARTNER_DOWN", "PARTNER_RECOVERED", "SUPERVISION_REMINDER", "SUPERVISION_INTERVIEW",
            "KEY_PROJECT_PROGRESS_MISSING", "COMMITMENT_REVOKED", "MATERIALS_SHORTFALL");

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    @Inject
    NotificationConfig config;

    private final ObjectMapper mapper = new ObjectMapper();
    private volatile Map<String, NotificationTemplate> templates = Map.of();
    private volatile long loadedModified = -1;

    @PostConstruct
    void load() {
        reload(true);
    }

    public NotificationTemplate get(String event) {
        reload(false);
        return templates.get(event);
    }

    public Map<String, NotificationTemplate> all() {
        reload(false);
        return templates;
    }

    private void reload(boolean force) {
        if (config.templates().path().isEmpty()) {
            if (force) {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CLASSPATH_FILE)) {
                    if (in == null) {
                        throw new IllegalStateException(CLASSPATH_FILE + " is missing from the classpath");
                    }
                    templates = parse(mapper.readTree(in), "classpath:" + CLASSPATH_FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return;
        }
        Path path = Path.of(config.templates().path().get());
        try {
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("result-notification.templates.path names " + path.toAbsolutePath()
                        + ", which is not a file: point it (env SMS_TEMPLATES_PATH under the cloud profile) at a copy of "
                        + CLASSPATH_FILE + " from the result-notification-core jar, or unset it to use that default");
            }
            long modified = Files.getLastModifiedTime(path).toMillis();
            if (!force && modified == loadedModified) {
                return;
            }
            synchronized (this) {
                if (!force && modified == loadedModified) {
                    return;
                }
                Map<String, NotificationTemplate> read = parse(mapper.readTree(path.toFile()), path.toString());
                templates = read;
                loadedModified = modified;
                LOG.infof("templates read from %s (%d events)", path, read.size());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the templates file " + path + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (force) {
                throw e;
            }
            // An edit in progress must not stop sending: keep the templates read last, say why.
            LOG.errorf("templates file %s not re-read, keeping the previous templates: %s", path, e.getMessage());
            loadedModified = -2;
        }
    }

    Map<String, NotificationTemplate> parse(JsonNode root, String source) {
        JsonNode node = root.path("templates");
        if (!node.isObject()) {
            throw new IllegalStateException(source + ": expected an object {\"templates\": {\"CODE_ASSIGNED\": {...}}}");
        }
        Map<String, NotificationTemplate> read = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            String text = t.path("text").asText("");
            if (text.isBlank()) {
                problems.add(e.getKey() + ": text is empty");
            }
            List<String> order = new ArrayList<>();
            t.path("tencentParams").forEach(p -> order.add(p.asText()));
            NotificationTemplate template = new NotificationTemplate(e.getKey(), text,
                    blankToNull(t.path("aliyunTemplateCode").asText("")), blankToNull(t.path("tencentTemplateId").asText("")),
                    Collections.unmodifiableList(order));
            for (String p : order) {
                if (!template.placeholders().contains(p)) {
                    problems.add(e.getKey() + ": tencentParams names {" + p + "}, which the text does not contain");
                } else if (NotificationTemplate.FIXED.contains(p)) {
                    problems.add(e.getKey() + ": tencentParams names {" + p + "}, which is written out in the approved "
                            + "template, not a variable: remove it");
                }
            }
            read.put(e.getKey(), template);
        });
        for (String event : EVENTS) {
            if (!read.containsKey(event)) {
                problems.add(event + ": no template");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("templates in " + source + " are incomplete, fix: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(read);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
