package org.c10klab.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one machine-readable line a server prints on stdout once it accepts, e.g.
 * {@code LISTENING model=virtual address=127.0.0.1:7379 metrics=127.0.0.1:9464 backlog=4096 pid=1234};
 * the harness and scripts parse it to find the server.
 *
 * @param model   the concurrency model
 * @param address host:port the server accepts on
 * @param metrics host:port of {@code /metrics}, or {@code off}
 * @param backlog the effective accept-queue limit, min(requested backlog, somaxconn)
 * @param pid     the server's process id
 */
public record ListeningLine(String model, String address, String metrics, int backlog, long pid) {

    public static final String PREFIX = "LISTENING";

    /** The line as printed. */
    public String format() {
        return PREFIX + " model=" + model + " address=" + address + " metrics=" + metrics
                + " backlog=" + backlog + " pid=" + pid;
    }

    /** True when {@code line} looks like a listening line. */
    public static boolean matches(String line) {
        return line.startsWith(PREFIX + " ");
    }

    /**
     * Reads a line printed by {@link #format()}.
     *
     * @throws IllegalArgumentException when a field is missing or malformed
     */
    public static ListeningLine parse(String line) {
        if (!matches(line)) {
            throw new IllegalArgumentException("not a listening line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length() + 1).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new ListeningLine(required(fields, "model"), required(fields, "address"),
                    required(fields, "metrics"), Integer.parseInt(required(fields, "backlog")),
                    Long.parseLong(required(fields, "pid")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed listening line: " + line, e);
        }
    }

    /** The port of {@link #address()}. */
    public int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("listening line lacks " + name + "=");
        }
        return value;
    }
}
