package org.c10klab.harness.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TcpExt counters of /proc/net/netstat at one instant, the ones {@code nstat -az} shows as
 * {@code TcpExt*}, e.g. {@code ListenOverflows} and {@code TCPSynRetrans}. They count for the whole network
 * namespace, this run and everything else alike.
 *
 * @param values counter name (without the {@code TcpExt} prefix) to value
 */
public record TcpExtCounters(Map<String, Long> values) {

    /** SYNs the kernel sent again: a connect that took a second or more here waited for one of these. */
    public static final String SYN_RETRANSMITS = "TCPSynRetrans";

    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    public TcpExtCounters {
        values = Map.copyOf(values);
    }

    /** The counters now, or empty when /proc/net/netstat cannot be read. */
    public static Optional<TcpExtCounters> read() {
        try {
            return parse(Files.readAllLines(NETSTAT));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads the file's "TcpExt:" header line and the value line after it. */
    static Optional<TcpExtCounters> parse(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] numbers = lines.get(i + 1).trim().split("\\s+");
                Map<String, Long> values = new HashMap<>();
                for (int j = 1; j < Math.min(names.length, numbers.length); j++) {
                    values.put(names[j], Long.parseLong(numbers[j]));
                }
                return Optional.of(new TcpExtCounters(values));
            }
        }
        return Optional.empty();
    }

    /** The counter {@code name}, or null when this kernel does not count it. */
    public Long get(String name) {
        return values.get(name);
    }

    /** How far counter {@code name} rose from {@code before} to {@code after}; null unless both have it. */
    public static Long rise(Optional<TcpExtCounters> before, Optional<TcpExtCounters> after, String name) {
        Long from = before.map(counters -> counters.get(name)).orElse(null);
        Long to = after.map(counters -> counters.get(name)).orElse(null);
        return from == null || to == null ? null : to - from;
    }
}
