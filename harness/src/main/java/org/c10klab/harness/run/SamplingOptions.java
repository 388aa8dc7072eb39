package org.c10klab.harness.run;

import java.time.Duration;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.server.DurationConverter;

/**
 * What to watch of the target while a flood runs.
 *
 * @param targetPid        a local process to sample through /proc, or null
 * @param targetMetricsUrl the target's Prometheus endpoint, or null
 * @param interval         how often to sample
 */
public record SamplingOptions(Long targetPid, String targetMetricsUrl, Duration interval) {

    /** Sample nothing of the target, the harness itself at the default interval. */
    public static SamplingOptions none() {
        return new SamplingOptions(null, null, DurationConverter.parse(FloodDefaults.SAMPLE_INTERVAL));
    }

    public SamplingOptions {
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("sample interval: " + interval + " (expected: >= 10ms)");
        }
    }
}
