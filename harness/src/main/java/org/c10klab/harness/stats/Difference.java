package org.c10klab.harness.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * How two groups of trials differ on one figure, as a ratio with a confidence interval and a p-value.
 *
 * <p>Timing figures are skewed and vary in proportion to their size, so the test runs on their
 * logarithms: Welch's t-test (no equal-variance assumption) on {@code log a} vs {@code log b}. The
 * difference of the mean logs is the log of the ratio of geometric means, so {@link #ratio()} and its
 * interval come out as plain ratios. Unlike a rank test, whose smallest possible p-value with three trials
 * a side is 0.1, this can tell clearly separated groups apart with the few trials a lab run affords.
 *
 * @param ratio  geometric mean of {@code a} over that of {@code b}
 * @param low    lower end of the ratio's confidence interval
 * @param high   upper end of the ratio's confidence interval
 * @param pValue two-sided p-value of "the two groups have the same geometric mean"
 */
public record Difference(double ratio, double low, double high, double pValue) {

    private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);

    /**
     * Compares {@code a} with {@code b}.
     *
     * @param confidence the confidence of the interval, e.g. 0.99
     * @throws IllegalArgumentException when a group has fewer than two trials or a value that is not positive
     */
    public static Difference of(double[] a, double[] b, double confidence) {
        double[] logA = logs(a);
        double[] logB = logs(b);
        double meanDifference = Mean.of(logA).getAsDouble() - Mean.of(logB).getAsDouble();
        double standardError = Math.sqrt(Variance.of(logA).getAsDouble() / logA.length
                + Variance.of(logB).getAsDouble() / logB.length);
        if (standardError == 0) {
            // No trial-to-trial noise at all (e.g. the same count every time): the groups differ exactly or not at all.
            double ratio = Math.exp(meanDifference);
            return new Difference(ratio, ratio, ratio, meanDifference == 0 ? 1 : 0);
        }
        TTest.Result result = WELCH.test(logA, logB);
        double halfWidth = TDistribution.of(result.getDegreesOfFreedom())
                .inverseSurvivalProbability((1 - confidence) / 2) * standardError;
        return new Difference(Math.exp(meanDifference), Math.exp(meanDifference - halfWidth),
                Math.exp(meanDifference + halfWidth), result.getPValue());
    }

    /** True when both groups have at least two trials and every value is positive, as {@link #of} needs. */
    public static boolean comparable(double[] a, double[] b) {
        return a.length >= 2 && b.length >= 2 && allPositive(a) && allPositive(b);
    }

    private static boolean allPositive(double[] values) {
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static double[] logs(double[] values) {
        if (values.length < 2 || !allPositive(values)) {
            throw new IllegalArgumentException("needs at least two positive values per group");
        }
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
