package org.c10klab.harness.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c10klab.harness.result.ListenQueueDrops;

/**
 * Reads the TcpExt counters of /proc/net/netstat, the ones {@code nstat -az} shows as TcpExt*: above all
 * TcpExtListenOverflows and TcpExtListenDrops, so a run can report how many handshakes the kernel dropped
 * at full accept queues.
 */
public final class ListenQueueCounters {

    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    private ListenQueueCounters() {
    }

    /** The counters now, or empty when /proc/net/netstat cannot be read. */
    public static Optional<ListenQueueDrops> read() {
        return parse(readNetstat());
    }

    /**
     * Every TcpExt counter now, by its name without the prefix ({@code ListenOverflows}, {@code TCPSynRetrans},
     * {@code SyncookiesSent} ...); empty when /proc/net/netstat cannot be read.
     */
    public static Map<String, Long> readTcpExt() {
        return tcpExt(readNetstat());
    }

    /** The rise from {@code before} to {@code after}, when both were read. */
    public static Optional<ListenQueueDrops> delta(Optional<ListenQueueDrops> before,
                                                   Optional<ListenQueueDrops> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ListenQueueDrops(after.get().listenOverflows() - before.get().listenOverflows(),
                after.get().listenDrops() - before.get().listenDrops()));
    }

    static Optional<ListenQueueDrops> parse(List<String> lines) {
        Map<String, Long> counters = tcpExt(lines);
        Long overflows = counters.get("ListenOverflows");
        Long drops = counters.get("ListenDrops");
        return overflows == null || drops == null ? Optional.empty()
                : Optional.of(new ListenQueueDrops(overflows, drops));
    }

    /** Reads the file's "TcpExt:" header line and the value line after it. */
    static Map<String, Long> tcpExt(List<String> lines) {
        Map<String, Long> counters = new HashMap<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] values = lines.get(i + 1).trim().split("\\s+");
                for (int j = 1; j < Math.min(names.length, values.length); j++) {
                    counters.put(names[j], Long.parseLong(values[j]));
                }
                return counters;
            }
        }
        return counters;
    }

    private static List<String> readNetstat() {
        try {
            return Files.readAllLines(NETSTAT);
        } catch (IOException e) {
            return List.of();
        }
    }
}
