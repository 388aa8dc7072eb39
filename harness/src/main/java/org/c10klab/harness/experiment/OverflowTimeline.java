package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.c10klab.harness.record.ListenQueueCounters;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.result.TimelinePoint;

/**
 * Reads TcpExtListenOverflows at every sampling point of a flood and keeps each rise with its time,
 * which measures when the kernel dropped handshakes at a full accept queue: the burst itself, then
 * every round of SYN retransmits, 1, 2, 3 ... s later. Passes each point on unchanged.
 */
public final class OverflowTimeline implements Consumer<TimelinePoint> {

    /**
     * One rise of the counter.
     *
     * @param atSeconds since the flood started, at the sampling point that saw it
     * @param rise      drops counted since the previous point
     */
    public record Rise(double atSeconds, long rise) {
    }

    private final Consumer<TimelinePoint> next;
    private final List<Rise> rises = new ArrayList<>();
    /** Guarded by this; null when /proc/net/netstat cannot be read. */
    private Long last;

    /** Takes the baseline now: call it just before the trial starts. */
    public OverflowTimeline(Consumer<TimelinePoint> next) {
        this.next = next;
        this.last = overflows();
    }

    @Override
    public void accept(TimelinePoint point) {
        synchronized (this) {
            Long now = overflows();
            if (last != null && now != null && now > last) {
                rises.add(new Rise(point.elapsedSeconds(), now - last));
            }
            last = now;
        }
        next.accept(point);
    }

    /** Every rise so far, in time order. */
    public synchronized List<Rise> rises() {
        return List.copyOf(rises);
    }

    /**
     * Rises closer than {@code gapSeconds} merged into one, at the first one's time: a round of
     * retransmits often straddles two sampling points.
     */
    public static List<Rise> merged(List<Rise> rises, double gapSeconds) {
        List<Rise> merged = new ArrayList<>();
        for (Rise rise : rises) {
            Rise previous = merged.isEmpty() ? null : merged.getLast();
            if (previous != null && rise.atSeconds() - previous.atSeconds() < gapSeconds) {
                merged.set(merged.size() - 1, new Rise(previous.atSeconds(), previous.rise() + rise.rise()));
            } else {
                merged.add(rise);
            }
        }
        return merged;
    }

    private static Long overflows() {
        Optional<ListenQueueDrops> counters = ListenQueueCounters.read();
        return counters.map(ListenQueueDrops::listenOverflows).orElse(null);
    }
}
