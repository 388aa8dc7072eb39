package org.c10klab.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An access log as tests read it: every line's {@code key=value} fields, with quoted values unescaped. */
public final class AccessLogLines {

    private final List<Map<String, String>> lines;

    private AccessLogLines(List<Map<String, String>> lines) {
        this.lines = lines;
    }

    /** Reads {@code file}; a missing file is an empty log. */
    public static AccessLogLines read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : parse(List.of());
    }

    /** Parses lines such as {@code ts=... event=close conn=3 duration_ms=1.2 requests=10}. */
    public static AccessLogLines parse(List<String> text) {
        List<Map<String, String>> lines = new ArrayList<>(text.size());
        for (String line : text) {
            lines.add(fields(line));
        }
        return new AccessLogLines(lines);
    }

    /** Every line, in file order. */
    public List<Map<String, String>> all() {
        return lines;
    }

    /** The lines whose {@code event} is {@code event}, e.g. {@code close}. */
    public List<Map<String, String>> events(String event) {
        return lines.stream().filter(line -> event.equals(line.get("event"))).toList();
    }

    public int size() {
        return lines.size();
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("not key=value at " + i + ": " + line);
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < line.length() && line.charAt(j) == '"') {
                for (j++; line.charAt(j) != '"'; j++) {
                    if (line.charAt(j) == '\\') {
                        j++;
                        if (line.charAt(j) == 'x') {
                            value.append((char) Integer.parseInt(line.substring(j + 1, j + 3), 16));
                            j += 2;
                            continue;
                        }
                    }
                    value.append(line.charAt(j));
                }
                j++;
            } else {
                for (; j < line.length() && line.charAt(j) != ' '; j++) {
                    value.append(line.charAt(j));
                }
            }
            if (fields.put(key, value.toString()) != null) {
                throw new IllegalArgumentException("field " + key + " twice: " + line);
            }
            i = j + 1;
        }
        return fields;
    }
}
