package org.c10klab.harness.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.c10klab.harness.result.TargetSample;

/**
 * Samples the target through whatever it offers: /proc for a local PID, Prometheus text for a
 * metrics URL, or both. A failing source is remembered, not fatal: a target that dies mid-run is a
 * result, not a harness crash.
 */
public final class TargetProbe {

    private final ProcessSampler process;
    private final MetricsScraper metrics;
    private final Set<String> errors = new LinkedHashSet<>();

    /** @param process the /proc sampler, or null; @param metrics the scraper, or null */
    public TargetProbe(ProcessSampler process, MetricsScraper metrics) {
        this.process = process;
        this.metrics = metrics;
    }

    /** The PID sampled, or null. */
    public Long pid() {
        return process == null ? null : process.pid();
    }

    /** The metrics URL scraped, or null. */
    public String metricsUrl() {
        return metrics == null ? null : metrics.url();
    }

    /** One sample of every source that answers. */
    public synchronized TargetSample sample() {
        TargetSample sample = TargetSample.NONE;
        if (process != null) {
            try {
                sample = sample.with(process.sample());
            } catch (IOException | RuntimeException e) {
                errors.add("/proc/" + process.pid() + ": " + describe(e));
            }
        }
        if (metrics != null) {
            try {
                sample = sample.with(metrics.sample());
            } catch (IOException | RuntimeException e) {
                errors.add(metrics.url() + ": " + describe(e));
            }
        }
        return sample;
    }

    /** Each distinct sampling failure so far, first seen first. */
    public synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
