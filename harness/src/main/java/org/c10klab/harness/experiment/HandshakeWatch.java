package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.c10klab.harness.record.TcpExtCounters;
import org.c10klab.harness.record.SocketTable;
import org.c10klab.harness.result.PortSockets;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.server.ListeningLine;

/**
 * Watches a trial's server port while its burst runs: at every sampling point it reads the socket table,
 * which tells clients that believe they are connected from connections the server's kernel has queued, and
 * around the whole trial it reads the kernel's handshake counters. {@link #evidence()} keeps what they showed.
 */
public final class HandshakeWatch implements Consumer<TimelinePoint> {

    /** Which reading best shows the handshakes: most clients connected but not queued, then most connected. */
    private static final Comparator<PortSockets> TELLING = Comparator.comparingInt(PortSockets::connectedNotQueued)
            .thenComparingInt(PortSockets::clientsEstablished);

    /**
     * One reading of the table.
     *
     * @param nanos        when it was read, on {@link System#nanoTime()}
     * @param pointSeconds the flood's time of the sampling point that led to it
     */
    private record Reading(long nanos, double pointSeconds, PortSockets sockets) {
    }

    private final ModelTrial trial;
    private final Optional<TcpExtCounters> countersBefore;
    private final List<Reading> readings = new ArrayList<>();

    /** Takes the counters' baseline now: call it just before the trial runs. */
    public HandshakeWatch(ModelTrial trial) {
        this.trial = trial;
        this.countersBefore = TcpExtCounters.read();
    }

    @Override
    public void accept(TimelinePoint point) {
        ListeningLine server = trial.listening();
        Optional<PortSockets> read = server == null ? Optional.empty() : SocketTable.forPort(server.port());
        long nanos = System.nanoTime();
        read.ifPresent(sockets -> {
            synchronized (this) {
                readings.add(new Reading(nanos, point.elapsedSeconds(), sockets));
            }
        });
    }

    /** What was seen so far, with the counters' rise up to now: call it once the trial is over. */
    public synchronized HandshakeEvidence evidence() {
        Optional<TcpExtCounters> after = TcpExtCounters.read();
        long startNanos = floodStartNanos();
        List<Reading> held = heldReadings();
        Reading peak = held.stream().max(Comparator.comparing(Reading::sockets, TELLING)
                .thenComparing(Comparator.comparingLong(Reading::nanos).reversed())).orElse(null);
        Integer queueBeforeRetry = readings.stream()
                .filter(r -> seconds(r, startNanos) < SynRetransmits.INITIAL_TIMEOUT_SECONDS).reduce((a, b) -> b)
                .map(r -> r.sockets().acceptQueue()).orElse(null);
        return new HandshakeEvidence(rise(after, "ListenOverflows"), rise(after, "ListenDrops"),
                rise(after, TcpExtCounters.SYN_RETRANSMITS), rise(after, "SyncookiesSent"), readings.size(),
                peak == null ? null : peak.sockets(), peak == null ? null : seconds(peak, startNanos),
                readings.stream().mapToInt(r -> r.sockets().clientsSynSent()).max().orElse(0), queueBeforeRetry);
    }

    /**
     * Of each two readings in a row, the one with fewer connected-but-not-queued clients (the earlier on a tie).
     * The two tables and their hash buckets are not read in one instant, so a connection that moves during a read
     * can be missed on one side; a real half-open connection lasts until the queue frees, seconds, and so shows in
     * both readings of a pair, where such a blip does not.
     */
    private List<Reading> heldReadings() {
        List<Reading> held = new ArrayList<>();
        for (int i = 0; i + 1 < readings.size(); i++) {
            Reading now = readings.get(i);
            Reading next = readings.get(i + 1);
            held.add(next.sockets().connectedNotQueued() < now.sockets().connectedNotQueued() ? next : now);
        }
        return held;
    }

    /**
     * When the flood started, on {@link System#nanoTime()}. The sampler hands a point on only after probing the
     * server, which takes a while on a busy machine, so a reading comes later than its point's time says: the
     * least delayed reading anchors the start best. 0 without readings.
     */
    private long floodStartNanos() {
        return readings.stream().mapToLong(r -> r.nanos() - Math.round(r.pointSeconds() * 1e9)).min().orElse(0);
    }

    /** When the table was read, in seconds since the flood started, to the millisecond. */
    private static double seconds(Reading reading, long startNanos) {
        return Math.round((reading.nanos() - startNanos) / 1e6) / 1e3;
    }

    private Long rise(Optional<TcpExtCounters> after, String counter) {
        return TcpExtCounters.rise(countersBefore, after, counter);
    }
}
