package org.c10klab.harness.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.result.PlannedLoad;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.TimelinePoint;

/**
 * The segments' timelines laid on one wall clock: a point every sampling interval from the first segment's
 * start, each summing what every segment had counted by then (nothing before a segment started, its last
 * count after it ended), with the p99 of the request intervals of all segments that ended in that interval.
 * Target samples stay with their segments.
 */
final class WallClockTimeline {

    private WallClockTimeline() {
    }

    /**
     * @param segments   the segments, in any order
     * @param startMs    the first segment's start, epoch milliseconds
     * @param endMs      the last segment's end, epoch milliseconds
     * @param intervalMs the distance between points
     */
    static List<TimelinePoint> of(List<SegmentOutput> segments, long startMs, long endMs, long intervalMs) {
        List<TimelinePoint> merged = new ArrayList<>();
        long previousMs = startMs;
        long previousOk = 0;
        for (long at = startMs + intervalMs; previousMs < endMs; at = Math.min(at + intervalMs, endMs)) {
            long open = 0;
            long connectsOk = 0;
            long connectsFailed = 0;
            long requestsOk = 0;
            long requestsFailed = 0;
            Histogram requests = new Histogram(3);
            List<TimelinePoint> latest = new ArrayList<>();
            for (SegmentOutput segment : segments) {
                TimelinePoint point = latestAt(segment, at);
                latest.add(point);
                if (point != null) {
                    open += point.connectionsOpen();
                    connectsOk += point.connectsOk();
                    connectsFailed += point.connectsFailed();
                    requestsOk += point.requestsOk();
                    requestsFailed += point.requestsFailed();
                }
                for (Histogram interval : segment.intervals("request")) {
                    if (interval.getEndTimeStamp() > previousMs && interval.getEndTimeStamp() <= at) {
                        requests.add(interval);
                    }
                }
            }
            double seconds = (at - previousMs) / 1000.0;
            double p99Ms = requests.getTotalCount() == 0 ? 0
                    : LatencyRecorder.summarize(requests).p99Ms();
            PlannedLoad planned = PlannedLoad.sum(latest);
            merged.add(new TimelinePoint(Rounding.thousandths((at - startMs) / 1000.0), open, connectsOk,
                    connectsFailed, requestsOk, requestsFailed,
                    Rounding.thousandths((requestsOk - previousOk) / seconds), p99Ms, planned.stage(),
                    planned.connections(), planned.rate(), null));
            previousMs = at;
            previousOk = requestsOk;
        }
        return merged;
    }

    /** When {@code segment} started, epoch milliseconds. */
    static long startMs(SegmentOutput segment) {
        return Instant.parse(segment.result().run().startedAt()).toEpochMilli();
    }

    /** When {@code segment} ended, epoch milliseconds. */
    static long endMs(SegmentOutput segment) {
        return startMs(segment) + Math.round(segment.result().run().elapsedSeconds() * 1000);
    }

    // The segment's last point at or before the wall-clock time atMs; null before its first.
    private static TimelinePoint latestAt(SegmentOutput segment, long atMs) {
        long startMs = startMs(segment);
        TimelinePoint latest = null;
        for (TimelinePoint point : segment.result().timeline()) {
            if (startMs + Math.round(point.elapsedSeconds() * 1000) > atMs) {
                break;
            }
            latest = point;
        }
        return latest;
    }
}
