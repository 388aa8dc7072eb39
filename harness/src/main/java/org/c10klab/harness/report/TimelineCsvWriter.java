package org.c10klab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.RunArtifacts;

/** results.csv: the timeline, one row per sample, target columns empty where nothing was sampled. */
final class TimelineCsvWriter implements ResultWriter {

    static final String HEADER = "elapsed_s,connections_open,connects_ok,connects_failed,requests_ok,"
            + "requests_failed,requests_per_s,p99_ms,stage,planned_connections,planned_rate,"
            + "target_threads,target_rss_bytes,target_cpu_s,target_fds,"
            + "target_connections,target_platform_threads,target_virtual_threads";

    @Override
    public void write(RunArtifacts artifacts, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (TimelinePoint point : artifacts.result().timeline()) {
            TargetSample target = point.target() == null ? TargetSample.NONE : point.target();
            out.write(Csv.row(Arrays.asList(point.elapsedSeconds(), point.connectionsOpen(), point.connectsOk(),
                    point.connectsFailed(), point.requestsOk(), point.requestsFailed(), point.requestsPerSecond(),
                    point.p99Ms(), point.stage(), point.plannedConnections(), point.plannedRate(),
                    target.threads(), target.rssBytes(), target.cpuSeconds(), target.openFds(),
                    target.connections(), target.platformThreads(), target.virtualThreads())));
            out.write('\n');
        }
    }
}
