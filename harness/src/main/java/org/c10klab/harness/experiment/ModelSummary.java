package org.c10klab.harness.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TargetSummary;

/**
 * One model's flood in the numbers experiments put side by side; a value that was not sampled is null.
 *
 * @param connectAttempts       connection attempts made
 * @param connectsOk            attempts that connected
 * @param connectFailures       failed attempts by outcome, only outcomes that occurred
 * @param requestsPlanned       requests the flood meant to send, or null when its duration decided
 * @param requestsSent          requests written
 * @param requestsOk            requests answered with a non-error reply
 * @param requestFailures       failed requests by outcome, only outcomes that occurred
 * @param unanswered            connections that connected but never got a single reply
 * @param requestsPerSecond     ok requests per second over the flood
 * @param connectP99Ms          connect latency p99
 * @param requestP50Ms          request latency p50
 * @param requestP99Ms          request latency p99
 * @param requestP999Ms         request latency p99.9
 * @param requestMaxMs          request latency maximum
 * @param osThreadsBefore       the server's OS threads at the first sample, before the flood had an effect
 * @param peakOsThreads         the server's most OS threads at once
 * @param peakVirtualThreads    the most virtual threads the server reported at once
 * @param peakRssBytes          the server's largest resident memory
 * @param cpuSeconds            CPU time the server used during the flood
 * @param peakServerConnections the most connections the server itself reported holding at once
 * @param elapsedSeconds        how long the measured flood took
 * @param getHitRatio           the share of ok GET replies that found their key (not nil), or null without GETs
 */
public record ModelSummary(long connectAttempts, long connectsOk, Map<String, Long> connectFailures,
                           Long requestsPlanned, long requestsSent, long requestsOk,
                           Map<String, Long> requestFailures, long unanswered, double requestsPerSecond,
                           double connectP99Ms, double requestP50Ms, double requestP99Ms, double requestP999Ms,
                           double requestMaxMs, Long osThreadsBefore, Long peakOsThreads, Long peakVirtualThreads,
                           Long peakRssBytes, Double cpuSeconds, Long peakServerConnections, double elapsedSeconds,
                           Double getHitRatio) {

    public ModelSummary {
        connectFailures = Collections.unmodifiableMap(new LinkedHashMap<>(connectFailures));
        requestFailures = Collections.unmodifiableMap(new LinkedHashMap<>(requestFailures));
    }

    /** The summary of {@code result}, a flood that meant to send {@code requestsPlanned} requests (or null). */
    public static ModelSummary of(FloodResult result, Long requestsPlanned) {
        TargetSummary target = result.target();
        TargetSample first = target == null ? TargetSample.NONE : target.first();
        TargetSample peak = target == null ? TargetSample.NONE : target.peak();
        TargetSample last = target == null ? TargetSample.NONE : target.last();
        Double cpu = first.cpuSeconds() == null || last.cpuSeconds() == null ? null
                : Math.round((last.cpuSeconds() - first.cpuSeconds()) * 100) / 100.0;
        return new ModelSummary(result.connections().total(), result.connections().count(Outcome.OK),
                failures(result.connections()), requestsPlanned, result.requests().total(),
                result.requests().count(Outcome.OK), failures(result.requests()),
                result.accounting().unansweredConnections(), result.requestsPerSecond(),
                result.connectLatency().p99Ms(), result.requestLatency().p50Ms(), result.requestLatency().p99Ms(),
                result.requestLatency().p999Ms(), result.requestLatency().maxMs(), first.threads(), peak.threads(),
                rounded(peak.virtualThreads()), peak.rssBytes(), cpu, rounded(peak.connections()),
                result.run().elapsedSeconds(), getHitRatio(result.commands()));
    }

    /** Of the ok replies to GET commands, the share that were not nil; null when no GET was answered ok. */
    static Double getHitRatio(List<CommandResult> commands) {
        long ok = 0;
        long nils = 0;
        for (CommandResult command : commands) {
            if (command.command().trim().toUpperCase(Locale.ROOT).startsWith("GET ")) {
                ok += command.requests().count(Outcome.OK);
                nils += command.nils();
            }
        }
        return ok == 0 ? null : (double) (ok - nils) / ok;
    }

    /** True when every connection connected and every planned request was answered ok. */
    public boolean answeredEverything() {
        return connectFailures.isEmpty() && requestFailures.isEmpty()
                && (requestsPlanned == null || requestsOk == requestsPlanned);
    }

    private static Map<String, Long> failures(OutcomeCounts counts) {
        Map<String, Long> failures = new LinkedHashMap<>();
        counts.counts().forEach((outcome, count) -> {
            if (count > 0 && !Outcome.OK.label().equals(outcome)) {
                failures.put(outcome, count);
            }
        });
        return failures;
    }

    private static Long rounded(Double value) {
        return value == null ? null : Math.round(value);
    }
}
