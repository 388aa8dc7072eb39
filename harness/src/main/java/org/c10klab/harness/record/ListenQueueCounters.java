package org.c10klab.harness.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.c10klab.harness.result.ListenQueueDrops;

/**
 * Reads TcpExtListenOverflows and TcpExtListenDrops from /proc/net/netstat, the counters {@code nstat
 * -az} shows, so a run can report how many handshakes the kernel dropped at full accept queues.
 */
public final class ListenQueueCounters {

    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    private ListenQueueCounters() {
    }

    /** The counters now, or empty when /proc/net/netstat cannot be read. */
    public static Optional<ListenQueueDrops> read() {
        try {
            return parse(Files.readAllLines(NETSTAT));
        } catch (IOException e) {
            return Optional.empty();
        }
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

    /** Reads the file's "TcpExt:" header line and the value line after it. */
    static Optional<ListenQueueDrops> parse(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] values = lines.get(i + 1).trim().split("\\s+");
                Long overflows = null;
                Long drops = null;
                for (int j = 1; j < Math.min(names.length, values.length); j++) {
                    if (names[j].equals("ListenOverflows")) {
                        overflows = Long.parseLong(values[j]);
                    } else if (names[j].equals("ListenDrops")) {
                        drops = Long.parseLong(values[j]);
                    }
                }
                if (overflows != null && drops != null) {
                    return Optional.of(new ListenQueueDrops(overflows, drops));
                }
            }
        }
        return Optional.empty();
    }
}
