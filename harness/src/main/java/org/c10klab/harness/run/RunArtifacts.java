package org.c10klab.harness.run;

import org.HdrHistogram.Histogram;
import org.c10klab.harness.result.FloodResult;

/**
 * What a finished flood leaves for the reports.
 *
 * @param result         the result tree (results.json)
 * @param prometheusText the harness registry at the end, in Prometheus text (metrics.prom)
 * @param histogramLog   the HdrHistogram interval log of connect and request latency
 * @param connectMicros  every successful connect's time over the whole run, in microseconds
 * @param requestMicros  every answered request's latency over the whole run, in microseconds
 */
public record RunArtifacts(FloodResult result, String prometheusText, String histogramLog, Histogram connectMicros,
                           Histogram requestMicros) {

    /** The same artifacts with another result, e.g. once thresholds were checked. */
    public RunArtifacts withResult(FloodResult newResult) {
        return new RunArtifacts(newResult, prometheusText, histogramLog, connectMicros, requestMicros);
    }
}
