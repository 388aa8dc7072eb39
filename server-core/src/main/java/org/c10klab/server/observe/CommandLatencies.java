package org.c10klab.server.observe;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code server.commands} family: a {@link CommandLatency} per reported command name, published into the
 * Prometheus registry as the histogram and max gauge Micrometer's timer published (same names, HELP, labels and
 * buckets), but recorded without the timer's shared counters, which the event loops contended for on every
 * request.
 */
final class CommandLatencies implements MultiCollector {

    static final String DESCRIPTION = "command execution, including any SLEEP or WORK";
    private static final String HISTOGRAM = "server_commands_seconds";
    private static final String MAX = "server_commands_seconds_max";

    private final String model;
    private final Clock clock;
    /** The max's window as Micrometer's Prometheus registry sets it for a timer: its step as expiry. */
    private final DistributionStatisticConfig maxWindow = DistributionStatisticConfig.builder()
            .expiry(PrometheusConfig.DEFAULT.step()).build().merge(DistributionStatisticConfig.DEFAULT);
    private final ConcurrentMap<String, CommandLatency> byCommand = new ConcurrentHashMap<>();

    CommandLatencies(String model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** The histogram of {@code reportedCommand}, made at its first use so a command never run publishes no series. */
    CommandLatency of(String reportedCommand) {
        CommandLatency latency = byCommand.get(reportedCommand); // a hit allocates no lambda, unlike computeIfAbsent
        return latency != null ? latency : byCommand.computeIfAbsent(reportedCommand, command ->
                new CommandLatency(command, LatencyBuckets.upTo(LatencyBuckets.SERVER_TOP), clock, maxWindow));
    }

    @Override
    public MetricSnapshots collect() {
        if (byCommand.isEmpty()) {
            return MetricSnapshots.of();
        }
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name(HISTOGRAM).help(DESCRIPTION);
        GaugeSnapshot.Builder max = GaugeSnapshot.builder().name(MAX).help(DESCRIPTION);
        byCommand.values().forEach(latency -> {
            Labels labels = Labels.of(MeterNames.TAG_COMMAND, latency.command(), MeterNames.TAG_MODEL, model);
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(latency.upperBoundsSeconds(), latency.bucketCounts()))
                    .sum(latency.sumSeconds())
                    .build());
            max.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels).value(latency.maxSeconds()).build());
        });
        return MetricSnapshots.of(histogram.build(), max.build());
    }
}
