package org.c10klab.harness.record;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A latency published as a Micrometer timer with {@code LatencyBuckets} would be (a Prometheus histogram
 * {@code NAME_seconds} and a gauge {@code NAME_seconds_max}, the largest value within the distribution
 * expiry), but built at scrape time from the whole-run HdrHistogram the sampler drains every interval: the event
 * loops pay nothing per reply for it. Counts and buckets are as of the last drain; the sum is the histogram's
 * (to its 0.1% resolution).
 */
final class ScrapedLatencyHistogram implements MultiCollector {

    private final String histogramName;
    private final String help;
    /** The bucket edges as published, {@code +Inf} last; and as recorded, without it. */
    private final double[] upperBoundsSeconds;
    private final long[] upperBoundsMicros;
    private final LatencyRecorder latency;
    private final TimeWindowMax max;

    /**
     * @param prometheusName the histogram's name as a scrape shows it, e.g. {@code harness_request_seconds}
     * @param upperBounds    the bucket edges, ascending; {@code +Inf} follows
     */
    ScrapedLatencyHistogram(String prometheusName, String help, List<Duration> upperBounds, LatencyRecorder latency,
                            Clock clock, Duration distributionExpiry) {
        this.histogramName = prometheusName;
        this.help = help;
        this.latency = latency;
        this.upperBoundsSeconds = new double[upperBounds.size() + 1];
        this.upperBoundsMicros = new long[upperBounds.size()];
        for (int i = 0; i < upperBounds.size(); i++) {
            upperBoundsSeconds[i] = upperBounds.get(i).toNanos() / 1e9;
            upperBoundsMicros[i] = TimeUnit.NANOSECONDS.toMicros(upperBounds.get(i).toNanos());
        }
        upperBoundsSeconds[upperBounds.size()] = Double.POSITIVE_INFINITY;
        this.max = new TimeWindowMax(clock, DistributionStatisticConfig.builder().expiry(distributionExpiry)
                .bufferLength(DistributionStatisticConfig.DEFAULT.getBufferLength()).build());
    }

    /** One sampling interval was drained from the recorders; its largest value goes into the max's window. */
    void intervalDrained(Histogram interval) {
        if (interval.getTotalCount() > 0) {
            max.record(interval.getMaxValue() / 1e6, TimeUnit.SECONDS);
        }
    }

    @Override
    public MetricSnapshots collect() {
        Histogram total = latency.totalHistogram();
        long[] counts = new long[upperBoundsSeconds.length];
        long below = 0;
        for (int i = 0; i < upperBoundsMicros.length; i++) {
            long atOrBelow = total.getCountBetweenValues(0, upperBoundsMicros[i]);
            counts[i] = atOrBelow - below;
            below = atOrBelow;
        }
        counts[counts.length - 1] = total.getTotalCount() - below;
        HistogramSnapshot histogram = HistogramSnapshot.builder().name(histogramName).help(help)
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBoundsSeconds, counts))
                        .sum(total.getMean() * total.getTotalCount() / 1e6)
                        .build())
                .build();
        GaugeSnapshot recentMax = GaugeSnapshot.builder().name(histogramName + "_max").help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(max.poll(TimeUnit.SECONDS)).build())
                .build();
        return MetricSnapshots.of(histogram, recentMax);
    }
}
