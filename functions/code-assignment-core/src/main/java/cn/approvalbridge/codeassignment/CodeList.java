package cn.approvalbridge.codeassignment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One reference list read from a data file: lines {@code code<TAB>name[<TAB>source…]}, {@code #} comments and blank
 * lines skipped. Every code must have the list's shape; a bad line stops loading with its file and line number, so an
 * operator's typo fails at start-up instead of rejecting partners' requests.
 */
public final class CodeList {

    /** One line of a list: the code, its name, and where it came from (third column, may be empty). */
    public record Entry(String code, String name, String source) {
    }

    private final String description;
    private final Map<String, Entry> entries;

    private CodeList(String description, Map<String, Entry> entries) {
        this.description = description;
        this.entries = Collections.unmodifiableMap(entries);
    }

    public boolean contains(String code) {
        return entries.containsKey(code);
    }

    public Optional<Entry> get(String code) {
        return Optional.ofNullable(entries.get(code));
    }

    public int size() {
        return entries.size();
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** Where the list was read from, e.g. {@code classpath:code-assignment/departments.tsv}. */
    public String description() {
        return description;
    }

    /** A list holding the entries of both, {@code this} first. */
    public CodeList plus(CodeList other) {
        Map<String, Entry> all = new LinkedHashMap<>(entries);
        other.entries.forEach(all::putIfAbsent);
        return new CodeList(description + " + " + other.description, all);
    }

    /** Reads {@code override} if given (a filesystem path), otherwise the shipped classpath resource. */
    static CodeList load(String classpathResource, Optional<String> override, Pattern shape) {
        if (override.isPresent() && !override.get().isBlank()) {
            Path path = Path.of(override.get().trim());
            if (!Files.isReadable(path)) {
                throw new IllegalStateException("Reference data file " + path.toAbsolutePath()
                        + " is not readable: fix the path in configuration, or remove the key to use the shipped "
                        + classpathResource);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return parse(path.toAbsolutePath().toString(), in, shape);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read reference data file " + path.toAbsolutePath(), e);
            }
        }
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource);
        if (in == null) {
            in = CodeList.class.getClassLoader().getResourceAsStream(classpathResource);
        }
        if (in == null) {
            throw new IllegalStateException("Shipped reference data " + classpathResource + " is missing from the classpath");
        }
        try (InputStream stream = in) {
            return parse("classpath:" + classpathResource, stream, shape);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + classpathResource, e);
        }
    }

    static CodeList parse(String description, InputStream in, Pattern shape) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] columns = trimmed.split("\t", 3);
            String code = columns[0].strip();
            if (!shape.matcher(code).matches()) {
                throw new IllegalStateException(description + " line " + number + ": '" + code + "' is not a code of the form "
                        + shape.pattern() + " (columns are separated by a TAB: code, name, source)");
            }
            String name = columns.length > 1 ? columns[1].strip() : "";
            String source = columns.length > 2 ? columns[2].strip() : "";
            if (entries.putIfAbsent(code, new Entry(code, name, source)) != null) {
                throw new IllegalStateException(description + " line " + number + ": code " + code + " is listed twice");
            }
        }
        return new CodeList(description, entries);
    }
}
