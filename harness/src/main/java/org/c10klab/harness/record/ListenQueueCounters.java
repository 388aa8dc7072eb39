package org.c10klab.harness.record;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.c10klab.harness.result.ListenQueueDrops;

/**
 * Reads TcpExtListenOverflows and TcpExtListenDrops from /proc/net/netstat, the counters {@code nstat
 * -az} shows, so a run can report how many handshakes the kernel dropped at full accept queues.
 */
public final class ListenQueueCounters {

    private ListenQueueCounters() {
    }

    /** The counters now, or empty when /proc/net/netstat cannot be read. */
    public static Optional<ListenQueueDrops> read() {
        return TcpExtCounters.read().flatMap(ListenQueueCounters::of);
    }

    /** Publishes ListenOverflows as {@link HarnessMeters#LISTEN_OVERFLOWS}, where the kernel counts it. */
    public static void bindTo(MeterRegistry registry) {
        if (read().isEmpty()) {
            return;
        }
        FunctionCounter.builder(HarnessMeters.LISTEN_OVERFLOWS, ListenQueueCounters.class,
                        ignored -> read().map(counters -> (double) counters.listenOverflows()).orElse(Double.NaN))
                .description("handshakes the kernel dropped at a full accept queue, any listener of this network "
                        + "namespace (TcpExt ListenOverflows)")
                .register(registry);
    }

    /** The accept-queue counters among {@code counters}, when the kernel counts both. */
    public static Optional<ListenQueueDrops> of(TcpExtCounters counters) {
        Long overflows = counters.get("ListenOverflows");
        Long drops = counters.get("ListenDrops");
        return overflows == null || drops == null ? Optional.empty()
                : Optional.of(new ListenQueueDrops(overflows, drops));
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
        return TcpExtCounters.parse(lines).flatMap(ListenQueueCounters::of);
    }
}
