package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.RunArtifacts;

/** results.csv: the timeline, one row per sample, target columns empty where nothing was sampled. */
final class TimelineCsvWriter implements ResultWriter {

    static final String HEADER = "elapsed_s,connections_open,connects_ok,connects_failed,requests_ok,"
            + "requests_failed,requests_per_s,p99_ms,target_threads,target_rss_bytes,target_cpu_s,target_fds,"
            + "target_connections,target_platform_threads,target_virtual_threads";

    @Override
    public void write(RunArtifacts artifacts, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (TimelinePoint point : artifacts.result().timeline()) {
            TargetSample target = point.target() == null ? TargetSample.NONE : point.target();
            out.write(String.join(",",
                    number(point.elapsedSeconds()),
                    Long.toString(point.connectionsOpen()),
                    Long.toString(point.connectsOk()),
                    Long.toString(point.connectsFailed()),
                    Long.toString(point.requestsOk()),
                    Long.toString(point.requestsFailed()),
                    number(point.requestsPerSecond()),
                    number(point.p99Ms()),
                    cell(target.threads()),
                    cell(target.rssBytes()),
                    cell(target.cpuSeconds()),
                    cell(target.openFds()),
                    cell(target.connections()),
                    cell(target.platformThreads()),
                    cell(target.virtualThreads())));
            out.write('\n');
        }
    }

    private static String cell(Number value) {
        if (value == null) {
            return "";
        }
        return value instanceof Double d ? number(d) : value.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
