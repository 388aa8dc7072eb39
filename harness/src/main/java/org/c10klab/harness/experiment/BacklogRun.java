package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.server.ListeningLine;

/**
 * One trial of one burst against one backlog: how each client ended, when the connects succeeded, and
 * what the kernel counted and held meanwhile.
 *
 * @param trial               which trial of its cell, from 1: it ran in round {@code trial}
 * @param backlog             the backlog asked for
 * @param connections         the burst size
 * @param effectiveBacklog    what the server got: min(backlog, somaxconn), from its LISTENING line
 * @param queueCapacity       connections the accept queue holds: effectiveBacklog + 1
 * @param clients             how each client ended, each counted once
 * @param connectedAtOnce     connects that took less than half a second: no SYN of theirs was dropped
 * @param connectTimes        successful connects by their time, rounded to whole seconds
 * @param listenQueue         the kernel's drop counters' rise over the flood, or null when unreadable
 * @param overflowRises       when TcpExtListenOverflows rose during the flood
 * @param handshakes          the kernel's counters and the port's sockets, read during the trial
 * @param namespace           the private network namespace the cell ran in, or null for the host's
 * @param flood               the flood's whole result: settings, environment, outcomes, timeline
 */
public record BacklogRun(int trial, int backlog, int connections, int effectiveBacklog, int queueCapacity,
                         ClientOutcomes clients, long connectedAtOnce, List<ConnectStep> connectTimes,
                         ListenQueueDrops listenQueue, List<OverflowTimeline.Rise> overflowRises,
                         HandshakeEvidence handshakes, String namespace, FloodResult flood) {

    /**
     * Connects that succeeded about {@code seconds} after they began.
     *
     * @param seconds the connect time rounded to whole seconds: 0, then the SYN retransmit steps
     * @param count   how many
     */
    public record ConnectStep(int seconds, long count) {
    }

    public BacklogRun {
        connectTimes = List.copyOf(connectTimes);
        overflowRises = List.copyOf(overflowRises);
    }

    /** Counts a finished trial's clients into the cell's categories. */
    public static BacklogRun of(int trial, int backlog, ListeningLine server, RunArtifacts artifacts,
                                List<OverflowTimeline.Rise> overflowRises, HandshakeEvidence handshakes) {
        FloodResult result = artifacts.result();
        Histogram connectMicros = artifacts.connectMicros();
        long atOnce = 0;
        Map<Integer, Long> bySecond = new TreeMap<>();
        for (HistogramIterationValue recorded : connectMicros.recordedValues()) {
            double seconds = LatencyRecorder.seconds(connectMicros, recorded);
            long count = recorded.getCountAtValueIteratedTo();
            if (seconds < SynRetransmits.AT_ONCE_SECONDS) {
                atOnce += count;
            }
            bySecond.merge((int) Math.round(seconds), count, Long::sum);
        }
        List<ConnectStep> steps = bySecond.entrySet().stream()
                .map(e -> new ConnectStep(e.getKey(), e.getValue())).toList();
        return new BacklogRun(trial, backlog, result.config().connections(), server.backlog(), server.backlog() + 1,
                ClientOutcomes.of(result), atOnce, steps, result.listenQueue(), overflowRises, handshakes, null,
                result);
    }

    /** This run as trial {@code number} of its cell, run inside the namespace {@code name}. */
    public BacklogRun ranAs(int number, String name) {
        return new BacklogRun(number, backlog, connections, effectiveBacklog, queueCapacity, clients, connectedAtOnce,
                connectTimes, listenQueue, overflowRises, handshakes, name, flood);
    }

    /** Clients whose connect succeeded: they believed they were connected, queued by the server or not. */
    public long connected() {
        return connectTimes.stream().mapToLong(ConnectStep::count).sum();
    }

    /** This trial's outcome beside its kernel evidence. */
    public HandshakeTrial handshakeTrial() {
        Map<Integer, Long> bySecond = new TreeMap<>();
        connectTimes.forEach(step -> bySecond.put(step.seconds(), step.count()));
        return new HandshakeTrial(trial, connected(), HandshakeTrial.lateConnects(bySecond), clients, queueCapacity,
                handshakes);
    }

    /** Connects that waited for at least one SYN retransmit. */
    public long connectedAfterRetransmit() {
        return connected() - connectedAtOnce;
    }

    /** The connect times as text, e.g. {@code 0s x3, 5s x7}; {@code -} when none connected. */
    public String connectTimesText() {
        List<String> parts = new ArrayList<>();
        for (ConnectStep step : connectTimes) {
            parts.add(step.seconds() + "s x" + step.count());
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
