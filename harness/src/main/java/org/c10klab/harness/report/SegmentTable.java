package org.c10klab.harness.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.MergedSegments;
import org.c10klab.harness.result.SegmentSummary;
import org.c10klab.harness.result.TargetSample;

/** The per-segment table below a merged flood's report: how each segment started, ran and ended. */
public final class SegmentTable {

    private SegmentTable() {
    }

    /** Prints one row per segment, then the missing ones. */
    public static void print(MergedSegments table, PrintWriter out) {
        out.printf("%-9s %9s %9s %17s %17s %10s %9s %8s %9s %s%n", "segment", "start ms", "elapsed", "connects ok",
                "requests ok", "req/s", "p99 ms", "threads", "RSS MiB", "end");
        for (SegmentSummary row : table.segments()) {
            TargetSample peak = row.target() == null ? TargetSample.NONE : row.target().peak();
            out.printf(Locale.ROOT, "%-9s %+9d %8.2fs %17s %17s %10.1f %9.3f %8s %9s %s%n",
                    row.index() + "/" + table.count(), row.startOffsetMs(), row.elapsedSeconds(),
                    row.connections().count(Outcome.OK) + "/" + row.connections().total(),
                    row.requests().count(Outcome.OK) + "/" + row.requests().total(), row.requestsPerSecond(),
                    row.requestLatency().p99Ms(), peak.threads() == null ? "-" : peak.threads().toString(),
                    peak.rssBytes() == null ? "-" : Long.toString(peak.rssBytes() >> 20), row.endReason());
        }
        for (int missing : table.missing()) {
            out.printf("%-9s missing%n", missing + "/" + table.count());
        }
    }
}
