package cn.approvalbridge.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The part of kustomize these manifests use, so the checks see what {@code kubectl apply -k} applies: resources
 * (files and directories, recursively), namespace, namePrefix, labels and commonLabels, configMapGenerator (literals
 * and env files; create, merge, replace; a content-hash name suffix), strategic-merge patches (maps merge, null
 * deletes, lists of containers, env, volumes, volumeMounts and ports merge by their key, $patch: replace/delete) and
 * images. Name references to generated or prefixed ConfigMaps, Secrets and Deployments are rewritten as kustomize
 * does. Any other kustomization field fails: the check must never silently skip what kubectl would apply.
 * The hash suffix is computed here, not byte-identical to kustomize's; nothing depends on its value.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "namePrefix",
            "labels", "commonLabels", "configMapGenerator", "generatorOptions", "patches", "patchesStrategicMerge",
            "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet");

    /** One rendered object, with what kustomize remembers about it between layers. */
    private static final class Item {
        final Map<String, Object> object;
        final boolean generated;
        boolean hashSuffix;
        final String originalName;

        Item(Map<String, Object> object, boolean generated, boolean hashSuffix) {
            this.object = object;
            this.generated = generated;
            this.hashSuffix = hashSuffix;
            this.originalName = name(object);
        }
    }

    private Kustomize() {
    }

    /** Renders the kustomization in a directory to the objects kubectl would apply. */
    static List<Map<String, Object>> build(Path directory) {
        List<Item> items = layer(directory.toAbsolutePath().normalize());
        // Final names: generated ConfigMaps get their content hash, and references follow.
        Map<String, String> renames = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.generated && item.hashSuffix) {
                String current = name(item.object);
                String hashed = current + "-" + hash(item.object);
                metadata(item.object).put("name", hashed);
                renames.put("ConfigMap/" + current, hashed);
            }
        }
        rewriteReferences(items, renames);
        List<Map<String, Object>> objects = new ArrayList<>();
        items.forEach(item -> objects.add(item.object));
        return objects;
    }

    private static List<Item> layer(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException(directory + ": no kustomization.yaml");
        }
        Map<String, Object> kustomization = Cfn.map(loadAll(file).get(0));
        for (String field : kustomization.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new KustomizeException(file + ": kustomization field " + field + " is not supported by this check");
            }
        }
        List<Item> items = new ArrayList<>();
        for (Object resource : Cfn.list(kustomization.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                items.addAll(layer(path));
            } else if (Files.isRegularFile(path)) {
                for (Object document : loadAll(path)) {
                    if (document != null) {
                        items.add(new Item(Cfn.map(document), false, false));
                    }
                }
            } else {
                throw new KustomizeException(file + ": resource " + resource + " does not exist");
            }
        }
        boolean hashByDefault = !Boolean.TRUE.equals(Cfn.map(kustomization.get("generatorOptions")).get("disableNameSuffixHash"));
        for (Object generator : Cfn.list(kustomization.get("configMapGenerator"))) {
            generateConfigMap(file, directory, Cfn.map(generator), items, hashByDefault);
        }
        List<Object> patches = new ArrayList<>();
        for (Object patch : Cfn.list(kustomization.get("patches"))) {
            Map<String, Object> spec = Cfn.map(patch);
            if (spec.containsKey("target") || spec.containsKey("options")) {
                throw new KustomizeException(file + ": patch targets/options are not supported by this check");
            }
            if (spec.containsKey("path")) {
                patches.addAll(loadAll(directory.resolve(String.valueOf(spec.get("path")))));
            } else {
                patches.addAll(toList(new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(String.valueOf(spec.get("patch")))));
            }
        }
        for (Object path : Cfn.list(kustomization.get("patchesStrategicMerge"))) {
            patches.addAll(loadAll(directory.resolve(String.valueOf(path))));
        }
        for (Object patch : patches) {
            if (patch != null) {
                applyPatch(file, items, Cfn.map(patch));
            }
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Object prefix = kustomization.get("namePrefix");
        if (prefix != null) {
            for (Item item : items) {
                String old = name(item.object);
                metadata(item.object).put("name", prefix + old);
                renames.put(kind(item.object) + "/" + old, prefix + old);
            }
            rewriteReferences(items, renames);
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Item item : items) {
                if (!CLUSTER_SCOPED.contains(kind(item.object))) {
                    metadata(item.object).put("namespace", namespace);
                }
            }
        }
        Cfn.map(kustomization.get("commonLabels")).forEach((key, value) -> label(items, key, value, true, true));
        for (Object labels : Cfn.list(kustomization.get("labels"))) {
            Map<String, Object> spec = Cfn.map(labels);
            boolean selectors = Boolean.TRUE.equals(spec.get("includeSelectors"));
            boolean templates = selectors || Boolean.TRUE.equals(spec.get("includeTemplates"));
            Cfn.map(spec.get("pairs")).forEach((key, value) -> label(items, key, value, selectors, templates));
        }
        for (Object image : Cfn.list(kustomization.get("images"))) {
            setImage(items, Cfn.map(image));
        }
        return items;
    }

    private static void generateConfigMap(Path file, Path directory, Map<String, Object> generator, List<Item> items,
                                          boolean hashByDefault) {
        String name = String.valueOf(generator.get("name"));
        Map<String, Object> data = new TreeMap<>();
        for (Object literal : Cfn.list(generator.get("literals"))) {
            String text = String.valueOf(literal);
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new KustomizeException(file + ": configMapGenerator " + name + ": literal " + text + " is not KEY=VALUE");
            }
            data.put(text.substring(0, equals), text.substring(equals + 1));
        }
        for (Object env : Cfn.list(generator.get("envs"))) {
            try {
                for (String line : Files.readAllLines(directory.resolve(String.valueOf(env)), StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        int equals = line.indexOf('=');
                        data.put(line.substring(0, equals).trim(), line.substring(equals + 1));
                    }
                }
            } catch (IOException e) {
                throw new KustomizeException(file + ": configMapGenerator " + name + ": " + e);
            }
        }
        for (String field : Cfn.map(generator).keySet()) {
            if (!Set.of("name", "behavior", "literals", "envs", "options").contains(field)) {
                throw new KustomizeException(file + ": configMapGenerator field " + field + " is not supported by this check");
            }
        }
        String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
        Item existing = null;
        for (Item item : items) {
            if (item.generated && name.equals(item.originalName) && kind(item.object).equals("ConfigMap")) {
                existing = item;
            }
        }
        boolean hash = hashByDefault && !Boolean.TRUE.equals(Cfn.map(generator.get("options")).get("disableNameSuffixHash"));
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new KustomizeException(file + ": configMapGenerator " + name + " exists already: use behavior merge or replace");
                }
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("apiVersion", "v1");
                object.put("kind", "ConfigMap");
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", name);
                object.put("metadata", metadata);
                object.put("data", new LinkedHashMap<>(data));
                items.add(new Item(object, true, hash));
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new KustomizeException(file + ": configMapGenerator " + name + " (" + behavior
                            + ") has no generated ConfigMap of that name to " + behavior);
                }
                Map<String, Object> target = Cfn.map(existing.object.get("data"));
                if (behavior.equals("replace")) {
                    target.clear();
                }
                target.putAll(data);
                existing.hashSuffix = hash;
            }
            default -> throw new KustomizeException(file + ": configMapGenerator " + name + ": unknown behavior " + behavior);
        }
    }

    private static void applyPatch(Path file, List<Item> items, Map<String, Object> patch) {
        if (patch.containsKey("op") || !patch.containsKey("kind")) {
            throw new KustomizeException(file + ": only strategic-merge patches (with apiVersion, kind, metadata.name) are supported");
        }
        String kind = kind(patch);
        String name = name(patch);
        for (Item item : items) {
            if (kind(item.object).equals(kind) && name(item.object).equals(name)
                    && Objects.equals(patch.get("apiVersion"), item.object.get("apiVersion"))) {
                if ("delete".equals(patch.get("$patch"))) {
                    items.remove(item);
                } else {
                    Map<String, Object> merged = Cfn.map(merge(item.object, patch, ""));
                    item.object.clear();
                    item.object.putAll(merged);
                }
                return;
            }
        }
        throw new KustomizeException(file + ": patch for " + patch.get("apiVersion") + " " + kind + "/" + name
                + " matches no resource");
    }

    /** Strategic merge of a patch into a copy of the base. */
    static Object merge(Object base, Object patch, String field) {
        if (patch instanceof Map<?, ?> patchMap && base instanceof Map<?, ?> baseMap) {
            Map<String, Object> p = Cfn.map(patchMap);
            if ("replace".equals(p.get("$patch"))) {
                Map<String, Object> replaced = new LinkedHashMap<>(p);
                replaced.remove("$patch");
                return replaced;
            }
            Map<String, Object> result = new LinkedHashMap<>(Cfn.map(baseMap));
            for (Map.Entry<String, Object> entry : p.entrySet()) {
                if (entry.getValue() == null) {
                    result.remove(entry.getKey());
                } else if (!entry.getKey().equals("$patch")) {
                    result.put(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue(), entry.getKey()));
                }
            }
            return result;
        }
        if (patch instanceof List<?> patchList && base instanceof List<?> baseList) {
            String key = mergeKey(field, patchList);
            if (key == null) {
                return new ArrayList<>(patchList);
            }
            List<Object> result = new ArrayList<>(baseList);
            for (Object element : patchList) {
                Map<String, Object> patchElement = Cfn.map(element);
                Object id = patchElement.get(key);
                int index = -1;
                for (int i = 0; i < result.size(); i++) {
                    if (Objects.equals(Cfn.map(result.get(i)).get(key), id)) {
                        index = i;
                    }
                }
                if ("delete".equals(patchElement.get("$patch"))) {
                    if (index >= 0) {
                        result.remove(index);
                    }
                } else if (index >= 0) {
                    result.set(index, merge(result.get(index), element, ""));
                } else {
                    result.add(element);
                }
            }
            return result;
        }
        return patch;
    }

    private static String mergeKey(String field, List<?> elements) {
        return switch (field) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets", "hostAliases" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ports" -> elements.stream().allMatch(e -> Cfn.map(e).containsKey("containerPort")) ? "containerPort" : "port";
            default -> null;
        };
    }

    private static void label(List<Item> items, String key, Object value, boolean selectors, boolean templates) {
        for (Item item : items) {
            Map<String, Object> object = item.object;
            labels(metadata(object)).put(key, value);
            Map<String, Object> spec = Cfn.map(object.get("spec"));
            if (WORKLOADS.contains(kind(object))) {
                if (templates) {
                    labels(metadata(Cfn.map(spec.get("template")))).put(key, value);
                }
                if (selectors) {
                    Map<String, Object> selector = Cfn.map(spec.get("selector"));
                    if (!selector.containsKey("matchLabels")) {
                        selector.put("matchLabels", new LinkedHashMap<>());
                    }
                    Cfn.map(selector.get("matchLabels")).put(key, value);
                }
            }
            if (selectors && kind(object).equals("Service") && spec.get("selector") instanceof Map<?, ?>) {
                Cfn.map(spec.get("selector")).put(key, value);
            }
        }
    }

    private static void setImage(List<Item> items, Map<String, Object> image) {
        String name = String.valueOf(image.get("name"));
        for (Item item : items) {
            Map<String, Object> podSpec = Cfn.map(Cfn.map(Cfn.map(item.object.get("spec")).get("template")).get("spec"));
            for (String containers : List.of("containers", "initContainers")) {
                for (Object container : Cfn.list(podSpec.get(containers))) {
                    Map<String, Object> c = Cfn.map(container);
                    String current = String.valueOf(c.get("image"));
                    String repository = current.replaceAll("[@:][^/]*$", "");
                    if (repository.equals(name)) {
                        String tag = current.substring(repository.length());
                        String newName = image.get("newName") != null ? String.valueOf(image.get("newName")) : repository;
                        if (image.get("digest") != null) {
                            tag = "@" + image.get("digest");
                        } else if (image.get("newTag") != null) {
                            tag = ":" + image.get("newTag");
                        }
                        c.put("image", newName + tag);
                    }
                }
            }
        }
    }

    /** Rewrites references (by "Kind/oldName") in pod templates and HPAs to the new names. */
    private static void rewriteReferences(List<Item> items, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        for (Item item : items) {
            Map<String, Object> spec = Cfn.map(item.object.get("spec"));
            if (kind(item.object).equals("HorizontalPodAutoscaler")) {
                Map<String, Object> target = Cfn.map(spec.get("scaleTargetRef"));
                rename(target, "name", String.valueOf(target.get("kind")), renames);
            }
            Map<String, Object> podSpec = Cfn.map(Cfn.map(spec.get("template")).get("spec"));
            for (Object volume : Cfn.list(podSpec.get("volumes"))) {
                rename(Cfn.map(Cfn.map(volume).get("configMap")), "name", "ConfigMap", renames);
                rename(Cfn.map(Cfn.map(volume).get("secret")), "secretName", "Secret", renames);
            }
            for (String containers : List.of("containers", "initContainers")) {
                for (Object container : Cfn.list(podSpec.get(containers))) {
                    Map<String, Object> c = Cfn.map(container);
                    for (Object from : Cfn.list(c.get("envFrom"))) {
                        rename(Cfn.map(Cfn.map(from).get("configMapRef")), "name", "ConfigMap", renames);
                        rename(Cfn.map(Cfn.map(from).get("secretRef")), "name", "Secret", renames);
                    }
                    for (Object env : Cfn.list(c.get("env"))) {
                        Map<String, Object> valueFrom = Cfn.map(Cfn.map(env).get("valueFrom"));
                        rename(Cfn.map(valueFrom.get("configMapKeyRef")), "name", "ConfigMap", renames);
                        rename(Cfn.map(valueFrom.get("secretKeyRef")), "name", "Secret", renames);
                    }
                }
            }
        }
    }

    private static void rename(Map<String, Object> holder, String field, String kind, Map<String, String> renames) {
        Object current = holder.get(field);
        if (current != null && renames.containsKey(kind + "/" + current)) {
            holder.put(field, renames.get(kind + "/" + current));
        }
    }

    private static String hash(Map<String, Object> configMap) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(new TreeMap<>(Cfn.map(configMap.get("data")))).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest.digest());
            return hex.substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String kind(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(Cfn.map(object.get("metadata")).get("name"));
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        if (!(object.get("metadata") instanceof Map<?, ?>)) {
            object.put("metadata", new LinkedHashMap<>());
        }
        return Cfn.map(object.get("metadata"));
    }

    private static Map<String, Object> labels(Map<String, Object> metadata) {
        if (!(metadata.get("labels") instanceof Map<?, ?>)) {
            metadata.put("labels", new LinkedHashMap<>());
        }
        return Cfn.map(metadata.get("labels"));
    }

    static List<Object> loadAll(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return toList(new Yaml(new SafeConstructor(options)).loadAll(reader));
        } catch (IOException e) {
            throw new KustomizeException(file + ": " + e);
        }
    }

    private static List<Object> toList(Iterable<?> documents) {
        List<Object> list = new ArrayList<>();
        documents.forEach(list::add);
        return list;
    }

    static final class KustomizeException extends RuntimeException {
        KustomizeException(String message) {
            super(message);
        }
    }
}
