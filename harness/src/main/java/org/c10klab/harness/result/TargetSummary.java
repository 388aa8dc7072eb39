package org.c10klab.harness.result;

import java.util.List;

/**
 * What was sampled of the target over a run.
 *
 * @param pid        the process sampled through /proc, or null
 * @param metricsUrl the Prometheus endpoint scraped, or null
 * @param first      the first sample, before the flood had an effect
 * @param peak       the field-wise maximum over the run
 * @param last       the last sample
 * @param errors     why sampling failed, when it did (e.g. the process exited), else empty
 */
public record TargetSummary(Long pid, String metricsUrl, TargetSample first, TargetSample peak, TargetSample last,
                            List<String> errors) {

    public TargetSummary {
        errors = List.copyOf(errors);
    }
}
