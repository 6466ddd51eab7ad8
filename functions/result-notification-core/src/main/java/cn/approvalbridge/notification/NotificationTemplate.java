package cn.approvalbridge.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event's message: Chinese text with named placeholders ({@code {projectCode}}), and the codes under which the
 * same template is approved at each provider. Aliyun gets the values by name (TemplateParam JSON); Tencent by
 * position (TemplateParamSet, in {@link #tencentParams()} order). A {@link #FIXED} placeholder is part of the
 * approved text, not a variable: it is filled in our text (the ledger, the sandbox) and never sent to a provider, whose
 * approved template holds the same value written out (the providers take no links in variables).
 */
public record NotificationTemplate(String event, String text, String aliyunTemplateCode, String tencentTemplateId,
        List<String> tencentParams) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)\\}");

    /** The status page's address (scheme and host, e.g. https://hub.example.gov.cn), which the hub sends. */
    public static final String STATUS_PAGE = "statusPage";

    /** The placeholders that are the fixed part of the approved text. */
    public static final Set<String> FIXED = Set.of(STATUS_PAGE);

    /** The placeholder names in order of first appearance. */
    public List<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new ArrayList<>(names);
    }

    /** The placeholders a provider receives as variables: all but the {@link #FIXED} ones, in order. */
    public List<String> variables() {
        return placeholders().stream().filter(name -> !FIXED.contains(name)).toList();
    }

    /** Tencent's positional order: as configured, or else the order the variables appear in the text. */
    public List<String> tencentOrder() {
        return tencentParams == null || tencentParams.isEmpty() ? variables() : tencentParams;
    }

    /** The text with every placeholder replaced; the caller has checked that {@code values} has them all. */
    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Only the values a provider receives for this template (its variables), in placeholder order. */
    public Map<String, String> select(Map<String, String> values) {
        Map<String, String> used = new LinkedHashMap<>();
        for (String name : variables()) {
            used.put(name, values.get(name));
        }
        return used;
    }
}
