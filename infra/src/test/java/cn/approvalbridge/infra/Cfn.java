package cn.approvalbridge.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Small helpers over a parsed CloudFormation template (plain maps and lists, intrinsics in long form). */
final class Cfn {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private Cfn() {
    }

    /** An intrinsic function call: a one-key map whose key is Ref, Condition or Fn::*. */
    static boolean isIntrinsic(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            return key.equals("Ref") || key.startsWith("Fn::");
        }
        return false;
    }

    static String intrinsicName(Object value) {
        return String.valueOf(((Map<?, ?>) value).keySet().iterator().next());
    }

    static Object intrinsicArgument(Object value) {
        return ((Map<?, ?>) value).values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }

    static Map<String, Object> properties(Object resource) {
        return map(map(resource).get("Properties"));
    }

    static String type(Object resource) {
        return String.valueOf(map(resource).get("Type"));
    }

    static Map<String, Map<String, Object>> resourcesOfType(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources(template).forEach((name, resource) -> {
            if (type.equals(type(resource))) {
                found.put(name, map(resource));
            }
        });
        return found;
    }

    /** The logical id a value refers to: !Ref X or !GetAtt X.Arn; null for anything else. */
    static String referencedResource(Object value) {
        if (!isIntrinsic(value)) {
            return null;
        }
        Object argument = intrinsicArgument(value);
        return switch (intrinsicName(value)) {
            case "Ref" -> String.valueOf(argument);
            case "Fn::GetAtt" -> list(argument).isEmpty() ? null : String.valueOf(list(argument).get(0));
            default -> null;
        };
    }

    /** The text a value carries for inspection: a literal, or the template string of an Fn::Sub. */
    static String textOf(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (isIntrinsic(value) && intrinsicName(value).equals("Fn::Sub")) {
            Object argument = intrinsicArgument(value);
            return argument instanceof List<?> parts && !parts.isEmpty() ? String.valueOf(parts.get(0))
                    : String.valueOf(argument);
        }
        return null;
    }

    /** Visits every map entry in the tree, with a dotted path. */
    static void walk(Object node, String path, BiConsumer<String, Map.Entry<String, Object>> visitor) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : map(map).entrySet()) {
                String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                visitor.accept(childPath, entry);
                walk(entry.getValue(), childPath, visitor);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    /** Every string in the tree, with its path. */
    static void strings(Object node, String path, BiConsumer<String, String> visitor) {
        if (node instanceof String text) {
            visitor.accept(path, text);
        } else if (node instanceof Map<?, ?> map) {
            map(map).forEach((key, value) -> strings(value, path.isEmpty() ? key : path + "." + key, visitor));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                strings(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }
}
