package org.c10klab.harness.result;

import java.util.List;
import org.c10klab.harness.flood.FloodConfig;

/**
 * Everything one flood measured, as written to results.json: what was asked, where it ran, how every
 * attempt and request ended, latency, what the target did, and the timeline.
 *
 * @param config            what the flood was asked to do (a segment's share, for a segment)
 * @param segment           which part of a larger flood this is ({@code --segment}); null for a whole flood
 * @param environment       the machine and kernel settings
 * @param run               when, how long, whether partial
 * @param connections       how the connection attempts ended
 * @param requests          how the sent requests ended
 * @param accounting        independent counts the outcomes must add up to
 * @param requestsPerSecond ok requests per second over the whole run
 * @param connectLatency    time to connect, successful attempts only
 * @param requestLatency    time to a reply (ok or error reply), from the intended send time in the open model
 * @param commands          each command of the workload alone: its outcomes and latency (resp protocol)
 * @param target            what was sampled of the target, or null
 * @param listenQueue       accept-queue drop counters' rise over the run, or null when unreadable
 * @param synRetransmits    TcpExtTCPSynRetrans's rise over the run (whole namespace), or null when unreadable
 * @param harnessLag        how late the harness itself was: what of the latency above is not the target's
 * @param notes             one line per ambiguous outcome seen, on what it usually means
 * @param checks            the --assert thresholds and their verdicts
 * @param timeline          the run sampled at a fixed interval
 */
public record FloodResult(
        FloodConfig config,
        Segment segment,
        Environment environment,
        RunInfo run,
        OutcomeCounts connections,
        OutcomeCounts requests,
        RequestAccounting accounting,
        double requestsPerSecond,
        LatencySummary connectLatency,
        LatencySummary requestLatency,
        List<CommandResult> commands,
        TargetSummary target,
        ListenQueueDrops listenQueue,
        Long synRetransmits,
        HarnessLag harnessLag,
        List<String> notes,
        List<CheckResult> checks,
        List<TimelinePoint> timeline) {

    public FloodResult {
        commands = List.copyOf(commands);
        notes = List.copyOf(notes);
        checks = List.copyOf(checks);
        timeline = List.copyOf(timeline);
    }

    /** This result with the verdicts of its thresholds. */
    public FloodResult withChecks(List<CheckResult> verdicts) {
        return new FloodResult(config, segment, environment, run, connections, requests, accounting,
                requestsPerSecond, connectLatency, requestLatency, commands, target, listenQueue, synRetransmits,
                harnessLag, notes, verdicts, timeline);
    }

    /** This result marked as {@code part} of a larger flood. */
    public FloodResult withSegment(Segment part) {
        return new FloodResult(config, part, environment, run, connections, requests, accounting, requestsPerSecond,
                connectLatency, requestLatency, commands, target, listenQueue, synRetransmits, harnessLag, notes,
                checks, timeline);
    }

    /** True when every threshold passed (or none was given). */
    public boolean checksPassed() {
        return checks.stream().allMatch(CheckResult::passed);
    }
}
