package org.c10klab.harness.experiment;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial's outcome beside the kernel's evidence of its handshakes: what a report explains the
 * differences between repeated trials from.
 *
 * @param trial         which trial of its cell, from 1
 * @param connected     clients whose connect succeeded
 * @param lateConnects  connects that waited for a SYN retransmit, by their time rounded to whole seconds (the
 *                      retransmit that was answered), ascending
 * @param clients       how each client ended
 * @param queueCapacity the accept queue's capacity: min(backlog, somaxconn) + 1
 * @param evidence      what the kernel counted and held during the trial
 */
public record HandshakeTrial(int trial, long connected, SortedMap<Integer, Long> lateConnects, ClientOutcomes clients,
                             int queueCapacity, HandshakeEvidence evidence) {

    public HandshakeTrial {
        lateConnects = new TreeMap<>(lateConnects);
    }

    /** The late connects of {@code connectSeconds}, each a connect's time: those of a retransmitted SYN. */
    static SortedMap<Integer, Long> lateConnects(Iterable<Double> connectSeconds) {
        SortedMap<Integer, Long> late = new TreeMap<>();
        for (double seconds : connectSeconds) {
            if (seconds >= SynRetransmits.AT_ONCE_SECONDS) {
                late.merge((int) Math.round(seconds), 1L, Long::sum);
            }
        }
        return late;
    }

    /** The same from counts per whole second, as {@link BacklogRun} keeps them. */
    static SortedMap<Integer, Long> lateConnects(Map<Integer, Long> connectsBySecond) {
        SortedMap<Integer, Long> late = new TreeMap<>(connectsBySecond);
        late.remove(0);
        return late;
    }
}
