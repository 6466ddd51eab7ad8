package cn.approvalbridge.infra;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a template against the CloudFormation resource schemas: every section, resource type and property name is
 * known, values have the right shape (object, list, scalar; literal strings within allowed values), required
 * properties are present, and every Ref, GetAtt, Sub variable, condition and DependsOn names something that exists.
 * SAM types are checked against {@link SamSpec}.
 */
final class CfnSchemaCheck {

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Rules", "Globals");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> PARAMETER_KEYS = Set.of("Type", "Default", "Description", "AllowedValues",
            "AllowedPattern", "ConstraintDescription", "MaxLength", "MinLength", "MaxValue", "MinValue", "NoEcho");
    private static final Set<String> OUTPUT_KEYS = Set.of("Value", "Description", "Export", "Condition");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final String file;
    private final Map<String, Object> template;
    private final CfnSpec spec;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> parameters;
    private final Set<String> conditions;
    private final Map<String, Object> resources;
    private final boolean sam;

    private CfnSchemaCheck(String file, Map<String, Object> template, CfnSpec spec) {
        this.file = file;
        this.template = template;
        this.spec = spec;
        this.parameters = Cfn.map(template.get("Parameters")).keySet();
        this.conditions = Cfn.map(template.get("Conditions")).keySet();
        this.resources = Cfn.resources(template);
        Object transform = template.get("Transform");
        this.sam = transform != null && String.valueOf(transform).contains("AWS::Serverless-2016-10-31");
    }

    static List<String> check(String file, Map<String, Object> template, CfnSpec spec) {
        CfnSchemaCheck check = new CfnSchemaCheck(file, template, spec);
        check.run();
        return check.problems;
    }

    private void run() {
        for (String section : template.keySet()) {
            if (!SECTIONS.contains(section)) {
                problem("template", "unknown top-level section " + section);
            }
        }
        if (template.containsKey("Globals") && !sam) {
            problem("template", "Globals needs Transform: AWS::Serverless-2016-10-31");
        }
        if (resources.isEmpty()) {
            problem("template", "no Resources");
        }
        Cfn.map(template.get("Parameters")).forEach((name, parameter) -> {
            for (String key : Cfn.map(parameter).keySet()) {
                if (!PARAMETER_KEYS.contains(key)) {
                    problem("parameter " + name, "unknown parameter attribute " + key);
                }
            }
            if (!Cfn.map(parameter).containsKey("Type")) {
                problem("parameter " + name, "has no Type");
            }
        });
        Cfn.map(template.get("Globals")).forEach((section, body) -> {
            if (!section.equals("Function")) {
                problem("Globals." + section, "only Globals.Function is in the SAM allowlist");
                return;
            }
            for (String banned : SamSpec.NOT_IN_GLOBALS) {
                if (Cfn.map(body).containsKey(banned)) {
                    problem("Globals.Function", "property " + banned + " is not allowed in Globals");
                }
            }
            checkSamObject("Globals.Function", "", Cfn.map(body), SamSpec.FUNCTION);
        });
        resources.forEach(this::checkResource);
        Cfn.map(template.get("Outputs")).forEach((name, output) -> {
            for (String key : Cfn.map(output).keySet()) {
                if (!OUTPUT_KEYS.contains(key)) {
                    problem("output " + name, "unknown output attribute " + key);
                }
            }
        });
        checkReferences();
    }

    private void checkResource(String name, Object body) {
        Map<String, Object> resource = Cfn.map(body);
        String type = String.valueOf(resource.get("Type"));
        String where = "resource " + name + " (" + type + ")";
        for (String attribute : resource.keySet()) {
            if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                problem(where, "unknown resource attribute " + attribute);
            }
        }
        if (resource.get("Properties") != null && !(resource.get("Properties") instanceof Map)) {
            problem(where, "Properties is not a mapping");
            return;
        }
        Map<String, Object> properties = Cfn.properties(resource);
        if (type.startsWith("AWS::Serverless::")) {
            if (!sam) {
                problem(where, "SAM type without Transform: AWS::Serverless-2016-10-31");
            } else if (!SamSpec.SUPPORTED_TYPES.contains(type)) {
                problem(where, "unknown resource type " + type + " (not in the SAM allowlist of SamSpec)");
            } else {
                checkSamObject(where, "", properties, SamSpec.FUNCTION);
            }
            return;
        }
        if (type.startsWith("Custom::")) {
            if (!properties.containsKey("ServiceToken")) {
                problem(where, "custom resource without ServiceToken");
            }
            return;
        }
        JsonNode schema = spec.resource(type);
        if (schema == null) {
            problem(where, "unknown resource type " + type);
            return;
        }
        checkObject(where, "", properties, schema.path("properties"));
    }

    /** Checks a map of properties against a schema "properties" object (resource or type definition). */
    private void checkObject(String where, String path, Map<String, Object> value, JsonNode schemaProperties) {
        for (Map.Entry<String, Object> entry : value.entrySet()) {
            String propertyPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode property = schemaProperties.get(entry.getKey());
            if (property == null) {
                problem(where, "unknown property " + propertyPath);
                continue;
            }
            checkValue(where, propertyPath, entry.getValue(), property.path("type"));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schemaProperties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().path("required").asBoolean(false) && !value.containsKey(field.getKey())) {
                problem(where, "missing required property " + (path.isEmpty() ? "" : path + ".") + field.getKey());
            }
        }
    }

    private void checkValue(String where, String path, Object value, JsonNode type) {
        if (Cfn.isIntrinsic(value)) {
            if (Cfn.intrinsicName(value).equals("Fn::If")) {
                List<Object> branches = Cfn.list(Cfn.intrinsicArgument(value));
                for (int i = 1; i < branches.size(); i++) {
                    checkValue(where, path, branches.get(i), type);
                }
            }
            return; // resolved at deploy time; its references are checked separately
        }
        String kind = type.path("type").asText();
        switch (kind) {
            case "json" -> {
            }
            case "string", "date-time" -> {
                if (!isScalar(value)) {
                    problem(where, "property " + path + " must be a string");
                } else if (type.has("allowedValues") && value instanceof String text && !contains(type.path("allowedValues"), text)) {
                    problem(where, "property " + path + " has value " + text + ", not one of " + type.path("allowedValues"));
                }
            }
            case "integer", "number" -> {
                if (!(value instanceof Number) && !(value instanceof String text && text.matches("-?\\d+(\\.\\d+)?"))) {
                    problem(where, "property " + path + " must be a number");
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean) && !(value instanceof String text && text.matches("(?i)true|false"))) {
                    problem(where, "property " + path + " must be a boolean");
                }
            }
            case "array" -> {
                if (!(value instanceof List<?> items)) {
                    problem(where, "property " + path + " must be a list");
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        checkValue(where, path + "[" + i + "]", items.get(i), type.path("element"));
                    }
                }
            }
            case "map" -> {
                if (!(value instanceof Map<?, ?>)) {
                    problem(where, "property " + path + " must be a mapping");
                } else {
                    Cfn.map(value).forEach((key, element) -> checkValue(where, path + "." + key, element, type.path("element")));
                }
            }
            case "tag" -> {
                if (!(value instanceof Map<?, ?>)) {
                    problem(where, "property " + path + " must be a {Key, Value} tag");
                } else {
                    for (String key : Cfn.map(value).keySet()) {
                        if (!key.equals("Key") && !key.equals("Value")) {
                            problem(where, "unknown property " + path + "." + key);
                        }
                    }
                }
            }
            case "ref" -> {
                JsonNode definition = spec.typeDefinition(type.path("reference").path("$ref").asText());
                if (definition == null) {
                    return;
                }
                if (!(value instanceof Map<?, ?>)) {
                    problem(where, "property " + path + " must be a mapping (" + definition.path("name").asText() + ")");
                } else {
                    checkObject(where, path, Cfn.map(value), definition.path("properties"));
                }
            }
            case "union" -> checkUnion(where, path, value, type);
            default -> {
            }
        }
    }

    private void checkUnion(String where, String path, Object value, JsonNode type) {
        List<String> best = null;
        for (JsonNode alternative : type.path("types")) {
            CfnSchemaCheck trial = new CfnSchemaCheck(file, template, spec);
            trial.checkValue(where, path, value, alternative);
            if (trial.problems.isEmpty()) {
                return;
            }
            if (best == null || trial.problems.size() < best.size()) {
                best = trial.problems;
            }
        }
        if (best != null) {
            problems.addAll(best);
        }
    }

    private void checkSamObject(String where, String path, Map<String, Object> value, Map<String, Object> allowed) {
        JsonNode lambda = spec.resource("AWS::Lambda::Function").path("properties");
        for (Map.Entry<String, Object> entry : value.entrySet()) {
            String propertyPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            Object rule = allowed.get(entry.getKey());
            Object element = entry.getValue();
            if (rule == null) {
                problem(where, "unknown property " + propertyPath + " (not in the SAM allowlist of SamSpec)");
            } else if (Cfn.isIntrinsic(element) || rule.equals(SamSpec.ANY)) {
                continue;
            } else if (rule.equals(SamSpec.LAMBDA)) {
                checkValue(where, propertyPath, element, lambda.path(entry.getKey()).path("type"));
            } else if (rule.equals(SamSpec.SCALAR)) {
                if (!isScalar(element)) {
                    problem(where, "property " + propertyPath + " must be a scalar");
                }
            } else if (rule.equals(SamSpec.STRING_MAP)) {
                Cfn.map(element).forEach((key, tag) -> {
                    if (!isScalar(tag) && !Cfn.isIntrinsic(tag)) {
                        problem(where, "property " + propertyPath + "." + key + " must be a scalar");
                    }
                });
            } else if (rule.equals("events")) {
                checkSamEvents(where, propertyPath, Cfn.map(element));
            } else if (rule instanceof Map<?, ?> nested) {
                if (!(element instanceof Map<?, ?>)) {
                    problem(where, "property " + propertyPath + " must be a mapping");
                } else {
                    checkSamObject(where, propertyPath, Cfn.map(element), Cfn.map(nested));
                }
            }
        }
    }

    private void checkSamEvents(String where, String path, Map<String, Object> events) {
        events.forEach((name, body) -> {
            Map<String, Object> event = Cfn.map(body);
            String type = String.valueOf(event.get("Type"));
            Map<String, Object> allowed = SamSpec.EVENT_TYPES.get(type);
            for (String key : event.keySet()) {
                if (!key.equals("Type") && !key.equals("Properties")) {
                    problem(where, "unknown property " + path + "." + name + "." + key);
                }
            }
            if (allowed == null) {
                problem(where, "event " + path + "." + name + " has type " + type
                        + ", not in the SAM allowlist " + SamSpec.EVENT_TYPES.keySet());
            } else {
                checkSamObject(where, path + "." + name + ".Properties", Cfn.map(event.get("Properties")), allowed);
            }
        });
    }

    // ------------------------------------------------------------------ references

    private void checkReferences() {
        resources.forEach((name, resource) -> {
            String where = "resource " + name;
            Map<String, Object> body = Cfn.map(resource);
            Object dependsOn = body.get("DependsOn");
            for (Object target : dependsOn instanceof List<?> ? Cfn.list(dependsOn) : dependsOn == null ? List.of() : List.of(dependsOn)) {
                if (!resources.containsKey(String.valueOf(target))) {
                    problem(where, "DependsOn " + target + " names no resource");
                }
            }
            if (body.containsKey("Condition") && !conditions.contains(String.valueOf(body.get("Condition")))) {
                problem(where, "Condition " + body.get("Condition") + " is not defined");
            }
            references(where, body.get("Properties"));
        });
        references("Globals", template.get("Globals"));
        references("Conditions", template.get("Conditions"));
        Cfn.map(template.get("Outputs")).forEach((name, output) -> references("output " + name, output));
    }

    private void references(String where, Object node) {
        if (node instanceof List<?> list) {
            list.forEach(item -> references(where, item));
            return;
        }
        if (!(node instanceof Map<?, ?>)) {
            return;
        }
        if (Cfn.isIntrinsic(node)) {
            Object argument = Cfn.intrinsicArgument(node);
            switch (Cfn.intrinsicName(node)) {
                case "Ref" -> checkRef(where, String.valueOf(argument));
                case "Fn::GetAtt" -> {
                    List<Object> parts = Cfn.list(argument);
                    if (parts.size() == 2 && parts.get(1) instanceof String attribute) {
                        checkGetAtt(where, String.valueOf(parts.get(0)), attribute);
                    }
                }
                case "Fn::Sub" -> {
                    String text;
                    Set<String> locals = new HashSet<>();
                    if (argument instanceof List<?> parts && !parts.isEmpty()) {
                        text = String.valueOf(parts.get(0));
                        if (parts.size() > 1) {
                            locals.addAll(Cfn.map(parts.get(1)).keySet());
                            references(where, parts.get(1));
                        }
                    } else {
                        text = String.valueOf(argument);
                    }
                    Matcher matcher = SUB_VARIABLE.matcher(text);
                    while (matcher.find()) {
                        String variable = matcher.group(1);
                        if (locals.contains(variable)) {
                            continue;
                        }
                        int dot = variable.indexOf('.');
                        if (dot > 0 && !isRefTarget(variable)) {
                            checkGetAtt(where, variable.substring(0, dot), variable.substring(dot + 1));
                        } else {
                            checkRef(where, variable);
                        }
                    }
                    return;
                }
                case "Fn::If" -> {
                    List<Object> parts = Cfn.list(argument);
                    if (!parts.isEmpty() && !conditions.contains(String.valueOf(parts.get(0)))) {
                        problem(where, "Fn::If names condition " + parts.get(0) + ", which is not defined");
                    }
                }
                default -> {
                }
            }
            references(where, argument);
            return;
        }
        Map<String, Object> map = Cfn.map(node);
        if (map.size() == 1 && map.containsKey("Condition") && !conditions.contains(String.valueOf(map.get("Condition")))) {
            problem(where, "Condition " + map.get("Condition") + " is not defined");
        }
        map.values().forEach(value -> references(where, value));
    }

    private boolean isRefTarget(String name) {
        if (parameters.contains(name) || resources.containsKey(name) || Cfn.PSEUDO_PARAMETERS.contains(name)) {
            return true;
        }
        // SAM: !Ref MyFunction.Alias / MyFunction.Version for a function with AutoPublishAlias
        int dot = name.lastIndexOf('.');
        if (dot > 0 && (name.endsWith(".Alias") || name.endsWith(".Version"))) {
            String function = name.substring(0, dot);
            Object resource = resources.get(function);
            return resource != null && "AWS::Serverless::Function".equals(Cfn.type(resource))
                    && (Cfn.properties(resource).containsKey("AutoPublishAlias")
                    || Cfn.map(Cfn.map(template.get("Globals")).get("Function")).containsKey("AutoPublishAlias"));
        }
        return false;
    }

    private void checkRef(String where, String target) {
        if (!isRefTarget(target)) {
            problem(where, "Ref " + target + " names no parameter, resource or pseudo parameter");
        }
    }

    private void checkGetAtt(String where, String resourceName, String attribute) {
        Object resource = resources.get(resourceName);
        if (resource == null) {
            problem(where, "GetAtt " + resourceName + "." + attribute + " names no resource");
            return;
        }
        String type = Cfn.type(resource);
        JsonNode schema = spec.resource(type.equals("AWS::Serverless::Function") ? "AWS::Lambda::Function" : type);
        if (schema != null && !schema.path("attributes").has(attribute)) {
            problem(where, "GetAtt " + resourceName + "." + attribute + ": " + type + " has no attribute " + attribute);
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private void problem(String where, String message) {
        problems.add(file + ": " + where + ": " + message);
    }
}
