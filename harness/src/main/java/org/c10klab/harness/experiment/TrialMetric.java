package org.c10klab.harness.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.c10klab.harness.stats.Direction;
import org.c10klab.harness.stats.Metric;

/**
 * A number each trial's summary yields: repeated trials of a model are summarised by its spread, and the
 * judged ones are compared between models by the verdict's claims. Thread counts are not judged: they
 * barely vary, so the verdict states them plainly.
 */
public enum TrialMetric {
    REQUEST_P50(new Metric("request_p50_ms", "request p50", Direction.LOWER_IS_BETTER), true,
            s -> s.requestsOk() > 0 ? s.requestP50Ms() : null),
    REQUEST_P99(new Metric("request_p99_ms", "request p99", Direction.LOWER_IS_BETTER), true,
            s -> s.requestsOk() > 0 ? s.requestP99Ms() : null),
    REQUESTS_PER_SECOND(new Metric("requests_per_second", "req/s", Direction.HIGHER_IS_BETTER), true,
            s -> s.requestsPerSecond()),
    CONNECT_P99(new Metric("connect_p99_ms", "connect p99", Direction.LOWER_IS_BETTER), true,
            s -> s.connectsOk() > 0 ? s.connectP99Ms() : null),
    CPU_SECONDS(new Metric("cpu_seconds", "server CPU seconds", Direction.LOWER_IS_BETTER), true,
            ModelSummary::cpuSeconds),
    PEAK_RSS(new Metric("peak_rss_bytes", "peak RSS", Direction.LOWER_IS_BETTER), true,
            s -> toDouble(s.peakRssBytes())),
    REQUEST_P999(new Metric("request_p999_ms", "request p99.9", Direction.LOWER_IS_BETTER), false,
            s -> s.requestsOk() > 0 ? s.requestP999Ms() : null),
    REQUEST_MAX(new Metric("request_max_ms", "request max", Direction.LOWER_IS_BETTER), false,
            s -> s.requestsOk() > 0 ? s.requestMaxMs() : null),
    REQUESTS_OK(new Metric("requests_ok", "requests ok", Direction.HIGHER_IS_BETTER), false,
            s -> (double) s.requestsOk()),
    CONNECTS_OK(new Metric("connects_ok", "connects ok", Direction.HIGHER_IS_BETTER), false,
            s -> (double) s.connectsOk()),
    CONNECT_ATTEMPTS(new Metric("connect_attempts", "connection attempts", Direction.HIGHER_IS_BETTER), false,
            s -> (double) s.connectAttempts()),
    REQUESTS_SENT(new Metric("requests_sent", "requests sent", Direction.HIGHER_IS_BETTER), false,
            s -> (double) s.requestsSent()),
    UNANSWERED(new Metric("unanswered", "connections never answered", Direction.LOWER_IS_BETTER), false,
            s -> (double) s.unanswered()),
    PEAK_OS_THREADS(new Metric("peak_os_threads", "peak OS threads", Direction.LOWER_IS_BETTER), false,
            s -> toDouble(s.peakOsThreads())),
    OS_THREADS_BEFORE(new Metric("os_threads_before", "OS threads before the flood", Direction.LOWER_IS_BETTER),
            false, s -> toDouble(s.osThreadsBefore())),
    PEAK_VIRTUAL_THREADS(new Metric("peak_virtual_threads", "peak virtual threads", Direction.LOWER_IS_BETTER), false,
            s -> toDouble(s.peakVirtualThreads())),
    GET_HIT_RATIO(new Metric("get_hit_ratio", "GET hit ratio", Direction.HIGHER_IS_BETTER), false,
            ModelSummary::getHitRatio);

    private final Metric metric;
    private final boolean judged;
    private final Function<ModelSummary, Double> value;

    TrialMetric(Metric metric, boolean judged, Function<ModelSummary, Double> value) {
        this.metric = metric;
        this.judged = judged;
        this.value = value;
    }

    /** The figure as JSON and claims name it. */
    public Metric metric() {
        return metric;
    }

    /** The figures a verdict compares between models, in the order its sentences take them. */
    public static List<TrialMetric> judged() {
        return Arrays.stream(values()).filter(m -> m.judged).toList();
    }

    /** The figure whose machine-readable name is {@code name}, as claims and spreads carry it. */
    public static TrialMetric named(String name) {
        return Arrays.stream(values()).filter(m -> m.metric.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure named " + name));
    }

    /** The figure in {@code summary}, or null when the trial did not measure it (e.g. no request was answered). */
    public Double of(ModelSummary summary) {
        return value.apply(summary);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
