package org.c10klab.harness.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.LocalLimit;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.Plural;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.server.DurationConverter;

/**
 * One line for each ambiguous outcome a run saw, on what it usually means on Linux (DESIGN section
 * 5): a referee that only counts would leave "connected" and "served" looking alike.
 */
final class OutcomeNotes {

    private OutcomeNotes() {
    }

    /**
     * @param listenQueue    the accept-queue counters' rise, or null when unread or the target is not local
     * @param synRetransmits TcpExtTCPSynRetrans's rise, or null when unread
     */
    static List<String> explain(FloodConfig config, Environment environment, OutcomeCounts connections,
                                OutcomeCounts requests, RequestAccounting accounting, ListenQueueDrops listenQueue,
                                Long synRetransmits) {
        List<String> notes = new ArrayList<>();
        String overflows = listenQueue == null ? ""
                : " TcpExtListenOverflows rose by " + listenQueue.listenOverflows() + " during the run.";
        if (connections.count(Outcome.REFUSED) > 0) {
            notes.add("refused: ECONNREFUSED means nothing listened on " + config.target()
                    + " (a full accept queue on Linux drops, it does not refuse).");
        }
        if (connections.count(Outcome.CONNECT_TIMEOUT) > 0 && SlowConnectNote.noSynWasDropped(config, synRetransmits)) {
            notes.add("connect_timeout: no connection within " + DurationConverter.format(config.connectTimeout())
                    + ", yet the kernel retransmitted no SYN meanwhile, so no SYN was dropped: the handshakes "
                    + "completed, and the harness did not see them in time (see the harness lag).");
        } else if (connections.count(Outcome.CONNECT_TIMEOUT) > 0) {
            notes.add("connect_timeout: no SYN-ACK within " + DurationConverter.format(config.connectTimeout())
                    + ". On loopback that almost always means the listener's accept queue was full and the kernel "
                    + "dropped the SYN silently; the client retransmits it after about 1, 2, 3 ... s." + overflows);
        }
        if (accounting.unansweredConnections() > 0) {
            notes.add(Plural.of(accounting.unansweredConnections(), "connection") + " connected but never got a reply: the "
                    + "handshake completed, yet the server never served them, usually because they sat in a full "
                    + "accept queue (with tcp_abort_on_overflow=" + setting(environment.tcpAbortOnOverflow())
                    + " the kernel " + (Long.valueOf(1).equals(environment.tcpAbortOnOverflow())
                    ? "resets them" : "drops the final ACK and the client still thinks it is connected")
                    + "). Connected is not accepted: only a reply proves it.");
        }
        if (requests.count(Outcome.RESPONSE_TIMEOUT) > 0) {
            notes.add("response_timeout: sent, and no reply within "
                    + DurationConverter.format(config.responseTimeout())
                    + ": the server was too slow, or never accepted the connection (see above).");
        }
        if (connections.count(Outcome.RESET) + requests.count(Outcome.RESET) > 0) {
            notes.add("reset: the server sent RST: it closed with unread data or SO_LINGER 0, or refused the "
                    + "connection after accepting it; with tcp_abort_on_overflow=1 a full accept queue resets too.");
        }
        if (requests.count(Outcome.CLOSED) > 0) {
            notes.add("closed: the server closed the connection (EOF) before replying, e.g. a connection limit "
                    + "or an idle timeout.");
        }
        if (requests.count(Outcome.PROTOCOL_ERROR) > 0) {
            notes.add("protocol_error: the reply was not RESP (" + top(requests.details(Outcome.PROTOCOL_ERROR))
                    + "); for a server that does not speak RESP, use --protocol raw.");
        }
        if (requests.count(Outcome.ERROR_REPLY) > 0) {
            notes.add("error_reply: the server answered, with an error: " + top(requests.details(Outcome.ERROR_REPLY))
                    + ". These are answers, timed like any other, but not successes.");
        }
        long localLimits = connections.count(Outcome.LOCAL_LIMIT) + requests.count(Outcome.LOCAL_LIMIT);
        if (localLimits > 0) {
            notes.add("local_limit: " + Plural.of(localLimits, "attempt") + " failed on the harness's own machine, not the "
                    + "server: " + limits(connections.details(Outcome.LOCAL_LIMIT), environment)
                    + ". The server was not what stopped this flood.");
        }
        if (connections.count(Outcome.ERROR) + requests.count(Outcome.ERROR) > 0) {
            Map<String, Long> unnamed = new LinkedHashMap<>(connections.details(Outcome.ERROR));
            requests.details(Outcome.ERROR).forEach((type, count) -> unnamed.merge(type, count, Long::sum));
            notes.add("error: failures the referee could not name: " + top(unnamed) + ".");
        }
        if (connections.count(Outcome.CANCELLED) + requests.count(Outcome.CANCELLED) > 0) {
            notes.add("cancelled: the run was stopped (Ctrl-C) while these were in flight; they say nothing "
                    + "about the server.");
        }
        if (accounting.requestsUnsent() > 0) {
            notes.add(Plural.of(accounting.requestsUnsent(), "request") + " the --rate schedule wanted sent never left: their "
                    + "connection was still waiting for earlier replies, failed, or the run ended. The server fell "
                    + "behind the rate.");
        }
        return notes;
    }

    private static String limits(Map<String, Long> byLimit, Environment environment) {
        StringBuilder text = new StringBuilder();
        byLimit.forEach((label, count) -> {
            LocalLimit limit = LocalLimit.fromLabel(label);
            text.append(text.isEmpty() ? "" : "; ").append(count).append(" x ")
                    .append(limit == null ? label : limit.meaning());
            if (limit == LocalLimit.OPEN_FILES && environment.openFileLimit() != null) {
                text.append(" (").append(environment.openFileLimit()).append(" here)");
            }
        });
        return text.isEmpty() ? "unknown limit" : text.toString();
    }

    private static String top(Map<String, Long> details) {
        StringBuilder text = new StringBuilder();
        details.entrySet().stream().limit(3).forEach(entry -> text.append(text.isEmpty() ? "" : ", ")
                .append('\'').append(entry.getKey()).append("' x ").append(entry.getValue()));
        return text.toString();
    }

    private static String setting(Long value) {
        return value == null ? "?" : value.toString();
    }
}
