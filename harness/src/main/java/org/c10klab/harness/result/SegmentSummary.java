package org.c10klab.harness.result;

/**
 * One segment's line in a merged flood's per-segment table.
 *
 * @param index             which segment
 * @param folder            the folder its results were read from
 * @param startedAt         its actual start, ISO-8601
 * @param startOffsetMs     how long after the first segment's start it started
 * @param elapsedSeconds    how long it ran
 * @param endReason         {@code completed}, {@code interrupted}, ...
 * @param connections       how its connection attempts ended
 * @param requests          how its requests ended
 * @param requestsPerSecond its ok requests per second
 * @param requestLatency    its own request latency
 * @param target            what it sampled of the target, or null; kept per segment, as each sampled on its own
 */
public record SegmentSummary(int index, String folder, String startedAt, long startOffsetMs, double elapsedSeconds,
                             String endReason, OutcomeCounts connections, OutcomeCounts requests,
                             double requestsPerSecond, LatencySummary requestLatency, TargetSummary target) {
}
