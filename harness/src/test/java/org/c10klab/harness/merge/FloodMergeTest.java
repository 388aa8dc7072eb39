package org.c10klab.harness.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodSegment;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.report.ResultFormat;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.harness.result.RunInfo;
import org.c10klab.harness.result.Segment;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.RunArtifacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge on synthetic segment folders: percentiles from added histograms equal those of one histogram of
 * every sample, counts add up, timelines meet on the wall clock, and segments that do not belong together are
 * refused.
 */
class FloodMergeTest {

    private static final FloodConfig WHOLE = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "40");
    private static final long START_MS = 1_780_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void mergedPercentilesAreThoseOfOneHistogramOfEverySample() throws IOException {
        Histogram all = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_MICROS, LatencyRecorder.SIGNIFICANT_DIGITS);
        SplittableRandom random = new SplittableRandom(16);
        List<Path> folders = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            // Each segment its own latency shape, so averaged percentiles would differ from the true ones.
            long scale = 100L * (index + 1) * (index + 1);
            List<Histogram> intervals = new ArrayList<>();
            for (int interval = 0; interval < 4; interval++) {
                Histogram histogram = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_MICROS,
                        LatencyRecorder.SIGNIFICANT_DIGITS);
                for (int i = 0; i < 500 + 300 * index; i++) {
                    long micros = scale + random.nextLong(scale * 20);
                    histogram.recordValue(micros);
                    all.recordValue(micros);
                }
                histogram.setStartTimeStamp(START_MS + index * 100L + interval * 250L);
                histogram.setEndTimeStamp(START_MS + index * 100L + (interval + 1) * 250L);
                histogram.setTag("request");
                intervals.add(histogram);
            }
            folders.add(segment(index, 3, WHOLE, START_MS + index * 100L, intervals, 0));
        }

        RunArtifacts merged = FloodMerge.merge(SegmentSet.of(read(folders), false));

        assertThat(merged.result().requestLatency()).isEqualTo(LatencyRecorder.summarize(all));
        assertThat(merged.requestMicros().getTotalCount()).isEqualTo(all.getTotalCount());
        for (double percentile : new double[] {50, 90, 99, 99.9}) {
            assertThat(merged.requestMicros().getValueAtPercentile(percentile)).as("p" + percentile)
                    .isEqualTo(all.getValueAtPercentile(percentile));
        }
        // The merged log keeps every interval at its wall-clock time.
        Files.writeString(dir.resolve("latency.hlog"), merged.histogramLog());
        List<Long> starts = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("latency.hlog").toFile())) {
            for (EncodableHistogram next = reader.nextIntervalHistogram(); next != null;
                    next = reader.nextIntervalHistogram()) {
                starts.add(next.getStartTimeStamp());
            }
        }
        assertThat(starts).hasSize(12).isSorted().startsWith(START_MS).contains(START_MS + 200 + 750);
    }

    @Test
    void countsAddUpAndTimelinesMeetOnTheWallClock() throws IOException {
        // Segment 1 starts a second after segment 0; both run two seconds.
        List<Path> folders = List.of(segment(0, 2, WHOLE, START_MS, List.of(), 3),
                segment(1, 2, WHOLE, START_MS + 1000, List.of(), 5));

        RunArtifacts merged = FloodMerge.merge(SegmentSet.of(read(folders), false));

        FloodResult result = merged.result();
        assertThat(result.config()).isEqualTo(WHOLE);
        assertThat(result.segment()).isNull();
        assertThat(result.connections().count(Outcome.OK)).isEqualTo(40);
        assertThat(result.requests().count(Outcome.OK)).isEqualTo(40);
        assertThat(result.requests().count(Outcome.RESET)).isEqualTo(8);
        assertThat(result.requests().details(Outcome.RESET)).isEqualTo(Map.of("ECONNRESET", 8L));
        assertThat(result.accounting().requestsSent()).isEqualTo(48);
        assertThat(result.run().elapsedSeconds()).isEqualTo(3.0);
        assertThat(result.run().partial()).isFalse();
        assertThat(result.run().startedAt()).isEqualTo("2026-05-28T20:26:40Z");
        // At 1 s only segment 0 has counted (its 1 s point); at 2 s segment 0 is done and segment 1 half way.
        assertThat(pointAt(result, 1.0).requestsOk()).isEqualTo(10);
        assertThat(pointAt(result, 2.0).requestsOk()).isEqualTo(20 + 10);
        assertThat(pointAt(result, 3.0).requestsOk()).isEqualTo(40);
        assertThat(pointAt(result, 3.0).connectionsOpen()).isZero();
    }

    @Test
    void segmentsThatDoNotBelongTogetherAreRefused() throws IOException {
        Path zero = segment(0, 2, WHOLE, START_MS, List.of(), 0);
        Path one = segment(1, 2, WHOLE, START_MS, List.of(), 0);
        Path otherFlood = segment(1, 2, FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "30"),
                START_MS, List.of(), 0);
        Path ofThree = segment(1, 3, WHOLE, START_MS, List.of(), 0);

        assertThatThrownBy(() -> SegmentSet.of(read(List.of(zero, otherFlood)), true))
                .hasMessageContaining("segments of different floods: connections 40 vs 30");
        assertThatThrownBy(() -> SegmentSet.of(read(List.of(zero, ofThree)), true))
                .hasMessageContaining("different segment counts").hasMessageContaining("is 1/3");
        assertThatThrownBy(() -> SegmentSet.of(read(List.of(zero, one, zero)), true))
                .hasMessageContaining("segment 0/2 given twice");
        assertThatThrownBy(() -> SegmentSet.of(read(List.of(one)), false))
                .hasMessageContaining("missing segment(s) [0] of 2").hasMessageContaining("--allow-partial");

        SegmentSet partial = SegmentSet.of(read(List.of(one)), true);
        FloodResult result = FloodMerge.merge(partial).result();
        assertThat(result.run().partial()).isTrue();
        assertThat(result.run().endReason()).isEqualTo("segments [0] of 2 missing");
        assertThat(FloodMerge.table(partial).missing()).containsExactly(0);
    }

    @Test
    void aWholeFloodsResultsAreNoSegment() throws IOException {
        Path whole = segment(0, 2, WHOLE, START_MS, List.of(), 0);
        FloodResult withoutSegment = ResultJson.read(whole.resolve("results.json")).withSegment(null);
        Files.writeString(whole.resolve("results.json"), ResultJson.write(withoutSegment));

        assertThatThrownBy(() -> SegmentOutput.read(whole)).hasMessageContaining("the results of a whole flood");
        assertThatThrownBy(() -> SegmentOutput.read(dir.resolve("nowhere"))).hasMessageContaining("no results.json");
    }

    private static TimelinePoint pointAt(FloodResult result, double seconds) {
        return result.timeline().stream().filter(p -> p.elapsedSeconds() == seconds).findFirst().orElseThrow();
    }

    private static List<SegmentOutput> read(List<Path> folders) {
        return folders.stream().map(SegmentOutput::read).toList();
    }

    /**
     * A segment's folder: its share of the 40 connections, each answered once, plus {@code resets} reset
     * requests, over two seconds sampled every second, with {@code intervals} as its latency log.
     */
    private Path segment(int index, int count, FloodConfig whole, long startMs, List<Histogram> intervals,
                         long resets) throws IOException {
        int connections = whole.connections() / count;
        OutcomeCounts attempts = new OutcomeCounts(connections, Map.of("ok", (long) connections), Map.of());
        OutcomeCounts requests = new OutcomeCounts(connections + resets,
                Map.of("ok", (long) connections, "reset", resets),
                resets == 0 ? Map.of() : Map.of("reset", Map.of("ECONNRESET", resets)));
        List<TimelinePoint> timeline = List.of(
                new TimelinePoint(1.0, connections, connections, 0, connections / 2, 0, connections / 2.0, 1, null, null, null, null),
                new TimelinePoint(2.0, 0, connections, 0, connections, resets, connections / 2.0, 1, null, null, null,
                        null));
        FloodResult result = new FloodResult(new FloodSegment(index, count).of(whole),
                new Segment(index, count, whole, null), EnvironmentProbe.probe(),
                new RunInfo(Instant.ofEpochMilli(startMs).toString(), 2.0, false, "completed", "epoll",
                        "auto", 2, 1000),
                attempts, requests, new RequestAccounting(connections, connections + resets, 0, 0, connections),
                connections / 2.0, LatencySummary.EMPTY, LatencySummary.EMPTY, List.of(), null, null, null, null,
                List.of(), List.of(), timeline);
        Path folder = dir.resolve("segment-" + index + "-of-" + count + "-" + whole.connections());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(ResultFormat.JSON.fileName()), ResultJson.write(result));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HistogramLogWriter writer = LatencyRecorder.newLog(log, startMs);
        intervals.forEach(writer::outputIntervalHistogram);
        Files.writeString(folder.resolve(ResultFormat.HDR_LOG.fileName()), log.toString(StandardCharsets.UTF_8));
        return folder;
    }
}
