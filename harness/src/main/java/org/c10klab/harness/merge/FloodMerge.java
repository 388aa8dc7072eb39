package org.c10klab.harness.merge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.MergedSegments;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.RunInfo;
import org.c10klab.harness.result.SegmentSummary;
import org.c10klab.harness.run.RunArtifacts;

/**
 * Adds the segments of one flood up to the whole flood's result: outcome counts and the independent counts
 * summed exactly, latency percentiles from the sum of every segment's latency intervals (never from averaged
 * percentiles), the timelines on one wall clock, and a per-segment table. What only one process or one machine
 * can say (the harness's own lag, the kernel's queue counters, the target's samples) stays in each segment's
 * results and in the table.
 */
public final class FloodMerge {

    private FloodMerge() {
    }

    /**
     * The merged result (partial when segments are missing or one was stopped) and its latency log; the
     * Prometheus text is empty, since the segments' meters cannot be added up as text.
     */
    public static RunArtifacts merge(SegmentSet set) {
        List<SegmentOutput> segments = set.segments();
        long startMs = segments.stream().mapToLong(WallClockTimeline::startMs).min().orElseThrow();
        long endMs = segments.stream().mapToLong(WallClockTimeline::endMs).max().orElseThrow();
        long intervalMs = segments.stream().mapToLong(s -> s.result().run().sampleIntervalMs()).max().orElseThrow();
        Histogram connect = added(segments, "connect");
        Histogram request = added(segments, "request");
        FloodResult first = segments.get(0).result();
        RunInfo firstRun = first.run();
        double elapsedSeconds = Rounding.thousandths((endMs - startMs) / 1000.0);
        RunInfo run = new RunInfo(Instant.ofEpochMilli(startMs).toString(), elapsedSeconds, set.partial(),
                endReason(set), firstRun.transport(), firstRun.transportReason(),
                segments.stream().mapToInt(s -> s.result().run().threads()).sum(), intervalMs);
        OutcomeCounts connections = added(segments, FloodResult::connections);
        OutcomeCounts requests = added(segments, FloodResult::requests);
        List<String> notes = new ArrayList<>(new LinkedHashSet<>(segments.stream()
                .flatMap(s -> s.result().notes().stream()).toList()));
        List<CommandResult> commands = commands(segments, notes);
        FloodResult merged = new FloodResult(first.segment().flood(), null, first.environment(), run, connections,
                requests, accounting(segments),
                Rounding.thousandths(requests.count(Outcome.OK) / Math.max(elapsedSeconds, 1e-3)),
                LatencyRecorder.summarize(connect), LatencyRecorder.summarize(request), commands, null, null, null,
                null, notes, List.of(), WallClockTimeline.of(segments, startMs, endMs, intervalMs));
        return new RunArtifacts(merged, "", log(segments, startMs), connect, request);
    }

    /** The per-segment table: each segment's own counts, start and target samples. */
    public static MergedSegments table(SegmentSet set) {
        long startMs = set.segments().stream().mapToLong(WallClockTimeline::startMs).min().orElseThrow();
        List<SegmentSummary> rows = new ArrayList<>();
        for (SegmentOutput output : set.segments()) {
            FloodResult result = output.result();
            rows.add(new SegmentSummary(result.segment().index(), output.folder().toString(),
                    result.run().startedAt(), WallClockTimeline.startMs(output) - startMs,
                    result.run().elapsedSeconds(), result.run().endReason(), result.connections(), result.requests(),
                    result.requestsPerSecond(), result.requestLatency(), result.target()));
        }
        return new MergedSegments(set.count(), set.missing(), rows);
    }

    private static String endReason(SegmentSet set) {
        if (!set.missing().isEmpty()) {
            return "segments " + set.missing() + " of " + set.count() + " missing";
        }
        return set.partial() ? "a segment was stopped" : "completed";
    }

    private static Histogram added(List<SegmentOutput> segments, String tag) {
        Histogram sum = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_MICROS, LatencyRecorder.SIGNIFICANT_DIGITS);
        segments.forEach(segment -> segment.intervals(tag).forEach(sum::add));
        return sum;
    }

    /**
     * Each command's outcomes and nils summed exactly, its percentiles from the sum of its intervals
     * ({@code command_N} in latency.hlog). A segment whose log lacks them (written before logs held them) leaves
     * that command's latency unmerged: empty, and a note says so, rather than averaged percentiles.
     */
    private static List<CommandResult> commands(List<SegmentOutput> segments, List<String> notes) {
        List<CommandResult> first = segments.get(0).result().commands();
        List<CommandResult> merged = new ArrayList<>();
        List<String> unmerged = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            int command = i;
            List<CommandResult> parts = segments.stream().map(s -> s.result().commands().get(command)).toList();
            Histogram latency = added(segments, "command_" + i);
            long answered = parts.stream().mapToLong(part -> part.latency().count()).sum();
            LatencySummary summary = LatencyRecorder.summarize(latency);
            if (latency.getTotalCount() != answered) {
                summary = LatencySummary.EMPTY;
                unmerged.add(first.get(i).command());
            }
            merged.add(new CommandResult(first.get(i).command(), first.get(i).weight(),
                    added(parts.stream().map(CommandResult::requests).toList()),
                    parts.stream().mapToLong(CommandResult::nils).sum(), summary));
        }
        if (!unmerged.isEmpty()) {
            notes.add("per-command latency not merged for " + String.join(", ", unmerged) + ": a segment's "
                    + "latency.hlog lacks that command's intervals, and averaged percentiles would be wrong; each "
                    + "segment's results.json has its own. Outcomes and nils are summed exactly.");
        }
        return merged;
    }

    private static OutcomeCounts added(List<SegmentOutput> segments, Function<FloodResult, OutcomeCounts> phase) {
        return added(segments.stream().map(segment -> phase.apply(segment.result())).toList());
    }

    private static OutcomeCounts added(List<OutcomeCounts> parts) {
        long total = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Map<String, Long>> details = new LinkedHashMap<>();
        for (OutcomeCounts part : parts) {
            total += part.total();
            part.counts().forEach((outcome, n) -> counts.merge(outcome, n, Long::sum));
            part.details().forEach((outcome, byDetail) -> byDetail.forEach((detail, n) ->
                    details.computeIfAbsent(outcome, o -> new LinkedHashMap<>()).merge(detail, n, Long::sum)));
        }
        return new OutcomeCounts(total, counts, details);
    }

    // The peak is the sum of the segments' peaks: at most what was open at once, as segments peak at about the
    // same moment.
    private static RequestAccounting accounting(List<SegmentOutput> segments) {
        List<RequestAccounting> parts = segments.stream().map(s -> s.result().accounting()).toList();
        return new RequestAccounting(sum(parts, RequestAccounting::connectAttempts),
                sum(parts, RequestAccounting::requestsSent), sum(parts, RequestAccounting::requestsUnsent),
                sum(parts, RequestAccounting::unansweredConnections),
                sum(parts, RequestAccounting::peakOpenConnections));
    }

    private static long sum(List<RequestAccounting> parts, Function<RequestAccounting, Long> field) {
        return parts.stream().mapToLong(field::apply).sum();
    }

    // Every segment's intervals in one log, in wall-clock order, based at the first segment's start.
    private static String log(List<SegmentOutput> segments, long startMs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HistogramLogWriter log = LatencyRecorder.newLog(bytes, startMs);
        segments.stream().flatMap(s -> s.intervals().stream())
                .sorted(Comparator.comparingLong(Histogram::getStartTimeStamp))
                .forEach(log::outputIntervalHistogram);
        log.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
