package org.c10klab.harness.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verdict's statistics on synthetic trials whose truth is known. */
class ClaimJudgeTest {

    private static final Metric P99 = new Metric("request_p99_ms", "request p99", Direction.LOWER_IS_BETTER);
    private static final Metric RATE = new Metric("requests_per_second", "req/s", Direction.HIGHER_IS_BETTER);
    private static final List<Metric> SIX_METRICS = List.of(P99, RATE,
            new Metric("a", "a", Direction.LOWER_IS_BETTER), new Metric("b", "b", Direction.LOWER_IS_BETTER),
            new Metric("c", "c", Direction.HIGHER_IS_BETTER), new Metric("d", "d", Direction.LOWER_IS_BETTER));

    private final ClaimJudge judge = new ClaimJudge(ClaimJudge.DEFAULT_ALPHA);

    @Test
    void welchOnLogarithmsMatchesTheTextbookCase() {
        // R: t.test(1:5, seq(2, 10, 2)) gives t = -1.8974, df = 5.8824, p = 0.1075, 95% CI -6.8877..0.8877.
        double[] a = exp(1, 2, 3, 4, 5);
        double[] b = exp(2, 4, 6, 8, 10);

        Difference difference = Difference.of(a, b, 0.95);

        assertThat(difference.ratio()).isCloseTo(Math.exp(-3), within(1e-12));
        assertThat(difference.pValue()).isCloseTo(0.1075, within(0.001));
        assertThat(Math.log(difference.low())).isCloseTo(-6.8877, within(0.001));
        assertThat(Math.log(difference.high())).isCloseTo(0.8877, within(0.001));
    }

    @Test
    void identicalGroupsGiveNoSignificantClaim() {
        double[] same = {130, 140, 150, 160, 170};

        List<Claim> claims = judge.judge(List.of("netty#1", "netty#2"), List.of(P99, RATE), (group, metric) -> same);

        assertThat(claims).hasSize(2).noneMatch(Claim::significant);
        assertThat(claims).allSatisfy(claim -> assertThat(claim.ratio()).isEqualTo(1.0));
    }

    @Test
    void clearlySeparatedGroupsGiveASignificantClaimWithTheRightSides() {
        Map<String, double[]> p99 = Map.of("netty", new double[] {130, 142, 150}, "pool", new double[] {1050, 1164, 1230});
        Map<String, double[]> rate = Map.of("netty", new double[] {1900, 2000, 2100}, "pool", new double[] {480, 500, 520});

        List<Claim> claims = judge.judge(List.of("pool", "netty"), List.of(P99, RATE),
                (group, metric) -> (metric == P99 ? p99 : rate).get(group));

        assertThat(claims).hasSize(2).allMatch(Claim::significant);
        Claim latency = claims.get(0);
        assertThat(latency.better()).isEqualTo("netty");
        assertThat(latency.worse()).isEqualTo("pool");
        assertThat(latency.ratio()).isBetween(7.0, 9.0);
        assertThat(latency.interval().get(0)).isGreaterThan(1).isLessThan(latency.ratio());
        assertThat(latency.interval().get(1)).isGreaterThan(latency.ratio());
        Claim throughput = claims.get(1);
        assertThat(throughput.better()).isEqualTo("netty");
        assertThat(throughput.ratio()).isBetween(3.5, 4.5);
        assertThat(throughput.trials()).containsExactly(3, 3);
    }

    @Test
    void aGroupWithTooFewOrNonPositiveTrialsIsNotCompared() {
        List<Claim> claims = judge.judge(List.of("a", "b", "c"), List.of(P99), (group, metric) -> switch (group) {
            case "a" -> new double[] {100, 110};
            case "b" -> new double[] {100};
            default -> new double[] {0, 120};
        });

        assertThat(claims).isEmpty();
    }

    @Test
    void aaComparisonsRarelyClaimAnythingAcrossManyMetrics() {
        Random random = new Random(42);
        int runs = 400;
        int runsWithAFalseClaim = 0;
        for (int run = 0; run < runs; run++) {
            double[][] x = lognormalTrials(random, 6, 3, 1.0, 0.3);
            double[][] y = lognormalTrials(random, 6, 3, 1.0, 0.3);
            List<Claim> claims = judge.judge(List.of("x", "y"), SIX_METRICS,
                    (group, metric) -> (group.equals("x") ? x : y)[SIX_METRICS.indexOf(metric)]);
            if (claims.stream().anyMatch(Claim::significant)) {
                runsWithAFalseClaim++;
            }
        }
        // Holm at 1% keeps the family-wise error under 1%; allow sampling noise, not a broken correction
        // (six uncorrected tests at 1% would flag about 6% of the runs).
        assertThat(runsWithAFalseClaim).isLessThanOrEqualTo(runs * 3 / 100);
    }

    @Test
    void aFourfoldDifferenceIsFoundInAlmostEveryRunAtFiveTrials() {
        Random random = new Random(7);
        int runs = 200;
        int found = 0;
        for (int run = 0; run < runs; run++) {
            double[][] fast = lognormalTrials(random, 6, 5, 1.0, 0.3);
            double[][] slow = lognormalTrials(random, 6, 5, 4.0, 0.3);
            List<Claim> claims = judge.judge(List.of("fast", "slow"), SIX_METRICS,
                    (group, metric) -> (group.equals("fast") ? fast : slow)[SIX_METRICS.indexOf(metric)]);
            if (claims.get(0).significant() && claims.get(0).better().equals("fast")) {
                found++;
            }
        }
        // Five trials a side with 30% trial-to-trial noise (what a busy 2-core machine gives): with three,
        // Holm's correction over six figures lets barely half of such runs through.
        assertThat(found).isGreaterThan(runs * 9 / 10);
    }

    @Test
    void holmMatchesItsDefinition() {
        // p sorted: 0.01 (x4 = 0.04), 0.02 (x3 = 0.06), 0.03 (x2 = 0.06), 0.5 (x1 = 0.5).
        double[] adjusted = Holm.adjust(new double[] {0.03, 0.5, 0.01, 0.02});

        assertThat(adjusted).containsExactly(new double[] {0.06, 0.5, 0.04, 0.06}, within(1e-12));
        assertThat(Holm.adjust(new double[] {0.3, 0.04})).containsExactly(new double[] {0.3, 0.08}, within(1e-12));
        assertThat(Holm.adjust(new double[] {0.9, 0.8})).containsExactly(1.0, 1.0);
    }

    @Test
    void aSpreadIsTheMedianAndRangeOfTheTrials() {
        Spread spread = Spread.of(List.of(160.0, 133.0, 142.0));

        assertThat(spread).isEqualTo(new Spread(142, 133, 160, 3));
        assertThat(Spread.of(List.of())).isNull();
    }

    private static double[] exp(double... logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }

    private static double[][] lognormalTrials(Random random, int metrics, int trials, double median, double sigma) {
        double[][] values = new double[metrics][trials];
        for (int m = 0; m < metrics; m++) {
            for (int t = 0; t < trials; t++) {
                values[m][t] = median * Math.exp(sigma * random.nextGaussian());
            }
        }
        return values;
    }
}
