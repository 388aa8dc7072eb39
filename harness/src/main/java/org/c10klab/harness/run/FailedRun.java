package org.c10klab.harness.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.Plural;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.OutcomeCounts;

/**
 * Whether a flood failed as a whole, and why in one line: no connection could be made, or (when it meant to send
 * requests) not one request succeeded. Such a run measured the failure, not the server, and exits non-zero.
 */
public final class FailedRun {

    private FailedRun() {
    }

    /**
     * Why {@code result} failed as a whole, e.g. {@code no connection could be made: 20 of 20 attempts refused};
     * empty when something succeeded, or when nothing was attempted.
     */
    public static Optional<String> reason(FloodResult result) {
        OutcomeCounts connections = result.connections();
        if (connections.total() > 0 && connections.count(Outcome.OK) == 0) {
            return Optional.of("no connection could be made: " + failures(connections, "attempt"));
        }
        OutcomeCounts requests = result.requests();
        if (result.config().requestsPerConnection() == 0 || requests.count(Outcome.OK) > 0) {
            return Optional.empty();
        }
        if (requests.total() == 0) {
            return Optional.of("no request succeeded: none was sent");
        }
        return Optional.of("no request succeeded: " + failures(requests, "request")
                + firstDetail(requests.details(Outcome.ERROR_REPLY)));
    }

    /** {@code 20 of 20 attempts refused}, or {@code 20 attempts: 15 refused, 5 connect_timeout}. */
    private static String failures(OutcomeCounts counts, String noun) {
        List<Map.Entry<String, Long>> failed = counts.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .toList();
        if (failed.size() == 1) {
            return Plural.ofTotal(failed.getFirst().getValue(), counts.total(), noun) + " " + failed.getFirst().getKey();
        }
        return Plural.of(counts.total(), noun) + ": " + failed.stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The most frequent error reply, which usually says it all: {@code  ('ERR unknown command')}. */
    private static String firstDetail(Map<String, Long> errorReplies) {
        return errorReplies.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> " ('" + e.getKey() + "')").orElse("");
    }
}
