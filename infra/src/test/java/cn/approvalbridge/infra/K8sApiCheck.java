package cn.approvalbridge.infra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Checks rendered objects against the Kubernetes API as the Fabric8 model knows it: each object must deserialize into
 * its typed class (apiVersion and kind known, values of the right type), and no field may land in an
 * additionalProperties map anywhere in the object graph (that is where Fabric8 puts fields the API does not have,
 * such as a misspelt "livenessProbes" or "limit"). Quantities must parse.
 */
final class K8sApiCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private K8sApiCheck() {
    }

    /** The typed object, or null when it could not be read (the problem is recorded). */
    static HasMetadata parse(String where, Map<String, Object> object, List<String> problems) {
        String label = where + ": " + object.get("apiVersion") + " " + object.get("kind") + "/" + Kustomize.name(object);
        KubernetesResource resource;
        try {
            resource = MAPPER.convertValue(object, KubernetesResource.class);
        } catch (IllegalArgumentException e) {
            problems.add(label + ": does not match the Kubernetes API: " + rootMessage(e));
            return null;
        }
        if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata typed)) {
            problems.add(label + ": unknown apiVersion/kind for the Kubernetes API model");
            return null;
        }
        List<String> unknown = new ArrayList<>();
        walk(typed, "", unknown, new IdentityHashMap<>());
        for (String field : unknown) {
            problems.add(label + ": unknown field " + field);
        }
        return typed;
    }

    private static void walk(Object node, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                walk(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        if (node instanceof Quantity quantity) {
            try {
                Quantity.getAmountInBytes(quantity);
            } catch (RuntimeException e) {
                unknown.add(path + " (not a quantity: " + quantity + ")");
            }
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.getName();
            if (!name.startsWith("get") || name.length() == 3) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            String childPath = path.isEmpty() ? property : path + "." + property;
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path + ".") + key));
                }
                continue;
            }
            walk(value, childPath, unknown, seen);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.toString() : message.lines().findFirst().orElse(message);
    }
}
