package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.experiment.HandshakeTrial;
import org.c10klab.harness.experiment.SynRetransmits;
import org.c10klab.harness.result.PortSockets;
import org.c10klab.harness.stats.Spread;

/**
 * Says in words, from each trial's connect times and kernel evidence, how one cell's handshakes ended, and
 * so why repeated trials of the same burst ended differently: when the accept queue had room as the clients
 * retried their dropped SYNs, the kernel answered every one, and the final ACKs that overflowed the queue left
 * clients connected that the server never queued; when it had none, the retried SYNs were dropped again.
 */
public final class HandshakeExplanation {

    /**
     * How a trial's handshakes went, to tell trials apart.
     *
     * @param read      the socket table was read during the trial
     * @param retries   the SYN retransmits that were answered (whole seconds), from the late connects
     * @param notQueued a client was seen connected while the server's kernel had not queued it
     */
    private record Pattern(boolean read, List<Integer> retries, boolean notQueued) {
    }

    private HandshakeExplanation() {
    }

    /**
     * One sentence per way the trials went, trials that went alike together; empty when in every trial
     * every client connected at once and was queued, since then there is nothing to explain.
     */
    public static List<String> explain(List<HandshakeTrial> trials) {
        Map<Pattern, List<HandshakeTrial>> groups = new LinkedHashMap<>();
        for (HandshakeTrial trial : trials) {
            groups.computeIfAbsent(pattern(trial), p -> new ArrayList<>()).add(trial);
        }
        List<String> sentences = new ArrayList<>();
        if (groups.size() == 1 && trials.stream().allMatch(HandshakeExplanation::uneventful)) {
            return sentences;
        }
        groups.forEach((pattern, group) -> {
            StringBuilder sentence = new StringBuilder(who(group, trials.size())).append(": ");
            if (!pattern.read()) {
                sentences.add(sentence.append("/proc/net/tcp could not be read, so which side held what is unknown.")
                        .toString());
                return;
            }
            sentence.append(pattern.retries().isEmpty() ? dropped(group) : answered(group, pattern.retries()));
            if (pattern.notQueued()) {
                sentence.append(notQueued(group));
            } else if (!pattern.retries().isEmpty()) {
                sentence.append("; the server's kernel queued every one of them");
            }
            Spread timeouts = spread(group, t -> t.clients().connectTimeout());
            if (!pattern.retries().isEmpty() && timeouts.max() > 0) {
                sentence.append("; ").append(CountSpread.of(timeouts)).append(" others found no room at any retry "
                        + "before their connect timeout and gave up connecting");
            }
            sentences.add(sentence.append('.').append(counters(group)).toString());
        });
        return sentences;
    }

    private static Pattern pattern(HandshakeTrial trial) {
        HandshakeEvidence evidence = trial.evidence();
        boolean read = evidence != null && evidence.samples() > 0;
        return new Pattern(read, List.copyOf(trial.lateConnects().keySet()), read && evidence.notQueuedPeak() > 0);
    }

    /** Every client connected at once, was queued, and no SYN waited. */
    private static boolean uneventful(HandshakeTrial trial) {
        HandshakeEvidence evidence = trial.evidence();
        return trial.lateConnects().isEmpty() && trial.clients().connectTimeout() == 0 && evidence != null
                && evidence.samples() > 0 && evidence.notQueuedPeak() == 0 && evidence.clientsSynSentPeak() == 0;
    }

    /** The trials of a group and their connected counts, e.g. {@code Trials 1 and 3 (10 and 9 connected)}. */
    private static String who(List<HandshakeTrial> group, int trials) {
        String connected = Units.and(group.stream().map(t -> Long.toString(t.connected())).toList()) + " connected";
        if (trials == 1) {
            return "The trial (" + connected + ")";
        }
        if (group.size() == trials) {
            return "All " + trials + " trials (" + connected + ")";
        }
        String numbers = Units.and(group.stream().map(t -> Integer.toString(t.trial())).toList());
        return (group.size() == 1 ? "Trial " : "Trials ") + numbers + " (" + connected + ")";
    }

    /** Dropped SYNs that were answered when retried: the queue had room by then. */
    private static String answered(List<HandshakeTrial> group, List<Integer> retries) {
        List<String> when = new ArrayList<>();
        for (int second : retries) {
            Spread clients = spread(group, t -> t.lateConnects().getOrDefault(second, 0L));
            when.add(second + " s (" + CountSpread.of(clients) + (when.isEmpty() ? " clients)" : ")"));
        }
        StringBuilder text = new StringBuilder("the clients whose first SYN had been dropped connected when they "
                + "retried it, at about " + Units.and(when)
                + (retries.size() == 1 ? ": by then the server had accepted a connection"
                        : ": each time the server had accepted a connection since")
                + ", so the accept queue had room");
        if (retries.contains((int) SynRetransmits.INITIAL_TIMEOUT_SECONDS)) {
            text.append(queueBeforeRetry(group, true));
        }
        return text.append(", and the kernel answered their retried SYNs").toString();
    }

    /** No dropped SYN was answered when retried: the queue was full whenever they came back. */
    private static String dropped(List<HandshakeTrial> group) {
        Spread synSent = spread(group, t -> (long) t.evidence().clientsSynSentPeak());
        Spread timeouts = spread(group, t -> t.clients().connectTimeout());
        if (synSent.max() == 0 && timeouts.max() == 0) {
            return "every client connected at once";
        }
        StringBuilder text = new StringBuilder("every SYN that met the full queue was dropped, and dropped again "
                + "when retried").append(queueBeforeRetry(group, false));
        text.append(": up to ").append(CountSpread.of(synSent)).append(" clients waited in SYN-SENT at once");
        if (timeouts.max() > 0) {
            text.append(", and ").append(CountSpread.of(timeouts)).append(" gave up connecting");
        }
        return text.toString();
    }

    /** Clients ESTABLISHED that the server's kernel had not queued: their final ACKs met a full queue. */
    private static String notQueued(List<HandshakeTrial> group) {
        HandshakeTrial most = group.stream()
                .max(Comparator.comparingInt(t -> t.evidence().notQueuedPeak())).orElseThrow();
        PortSockets peak = most.evidence().atPeak();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "; the final ACKs that then met a full "
                + "queue were dropped, and up to %s sat ESTABLISHED, connected as far as they knew, while the "
                + "server's kernel had not queued them (%s, at %s s", Plural.of(peak.connectedNotQueued(), "client"),
                holders(peak, cookies(group)), seconds(most.evidence().peakSeconds())));
        if (group.size() > 1) {
            text.append(" of trial ").append(most.trial());
        }
        return text.append("): connected, never served").toString();
    }

    /**
     * The accept queue's length at the last reading before the clients' first SYN retransmit, when every
     * trial of the group had one and it agrees with the group's story: room ({@code room}) or full.
     */
    private static String queueBeforeRetry(List<HandshakeTrial> group, boolean room) {
        List<Integer> lengths = group.stream().map(t -> t.evidence().acceptQueueBeforeRetry()).toList();
        int capacity = group.getFirst().queueCapacity();
        if (lengths.contains(null) || lengths.stream().anyMatch(length -> (length < capacity) != room)) {
            return "";
        }
        String held = CountSpread.of(Spread.of(lengths)) + " of " + capacity;
        return room
                ? " (just before 1 s the queue held " + held + ": the server had accepted its first connection "
                        + "before the clients' 1 s SYN retry)"
                : ", the queue still full (" + held + ") just before the clients' first retry at 1 s";
    }

    /**
     * Where the server's side of the connected-but-not-queued clients was.
     *
     * @param cookies whether the kernel counted SYN cookies sent, which is why it can keep no socket for them
     */
    private static String holders(PortSockets peak, boolean cookies) {
        List<String> parts = new ArrayList<>();
        if (peak.halfOpen() > 0) {
            parts.add(peak.halfOpen() + " in SYN-RECV on the server");
        }
        if (peak.halfOpenStateless() > 0) {
            parts.add(peak.halfOpenStateless() + " with no server-side socket at all"
                    + (cookies ? ", their SYNs answered with SYN cookies" : ""));
        }
        return String.join(", ", parts);
    }

    private static boolean cookies(List<HandshakeTrial> group) {
        return group.stream().map(t -> t.evidence().syncookiesSent()).anyMatch(sent -> sent != null && sent > 0);
    }

    /** The kernel's counters over the group's trials, as far as they were read. */
    private static String counters(List<HandshakeTrial> group) {
        List<String> parts = new ArrayList<>();
        addRise(parts, "TcpExtListenOverflows", group, HandshakeEvidence::listenOverflows);
        addRise(parts, "TcpExtTCPSynRetrans", group, HandshakeEvidence::synRetransmits);
        addRise(parts, "TcpExtSyncookiesSent", group, HandshakeEvidence::syncookiesSent);
        return parts.isEmpty() ? "" : " The kernel counted " + Units.and(parts) + ".";
    }

    private static void addRise(List<String> parts, String counter, List<HandshakeTrial> group,
                                Function<HandshakeEvidence, Long> rise) {
        List<Long> rises = group.stream().map(t -> rise.apply(t.evidence())).filter(Objects::nonNull).toList();
        if (!rises.isEmpty()) {
            parts.add(counter + " +" + CountSpread.of(Spread.of(rises)));
        }
    }

    private static Spread spread(List<HandshakeTrial> group, Function<HandshakeTrial, Long> figure) {
        return Spread.of(group.stream().map(figure).toList());
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }
}
