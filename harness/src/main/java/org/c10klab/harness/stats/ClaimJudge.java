package org.c10klab.harness.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Decides which differences between groups of trials a verdict may state: every pair of groups on every
 * figure is compared ({@link Difference}), the p-values are corrected together ({@link Holm}), and a claim
 * is significant only when it holds at the family's level.
 *
 * @param alpha the chance, over the whole verdict, of calling any difference significant between groups
 *              that do not differ; also one minus the confidence of each ratio's interval
 */
public record ClaimJudge(double alpha) {

    /** 1%: an A/A comparison of a model against itself makes a false claim in about one run of a hundred. */
    public static final double DEFAULT_ALPHA = 0.01;

    public ClaimJudge {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " (expected: between 0 and 1)");
        }
    }

    /**
     * The claims between every pair of {@code groups} on every metric, in metric order then pair order.
     * A pair is left out on a metric where a group has fewer than two trials or a value that is not
     * positive (nothing to compare on a logarithmic scale).
     *
     * @param trials the trial values of a group on a metric, one per trial
     */
    public List<Claim> judge(List<String> groups, List<Metric> metrics, BiFunction<String, Metric, double[]> trials) {
        List<Claim> unadjusted = new ArrayList<>();
        for (Metric metric : metrics) {
            for (int i = 0; i < groups.size(); i++) {
                for (int j = i + 1; j < groups.size(); j++) {
                    double[] a = trials.apply(groups.get(i), metric);
                    double[] b = trials.apply(groups.get(j), metric);
                    if (Difference.comparable(a, b)) {
                        unadjusted.add(claim(metric, groups.get(i), a, groups.get(j), b));
                    }
                }
            }
        }
        double[] adjusted = Holm.adjust(unadjusted.stream().mapToDouble(Claim::pValue).toArray());
        List<Claim> claims = new ArrayList<>(unadjusted.size());
        for (int k = 0; k < adjusted.length; k++) {
            Claim claim = unadjusted.get(k);
            claims.add(new Claim(claim.metric(), claim.label(), claim.better(), claim.worse(), claim.ratio(),
                    claim.interval(), claim.pValue(), adjusted[k], adjusted[k] < alpha, claim.trials()));
        }
        return claims;
    }

    private Claim claim(Metric metric, String groupA, double[] a, String groupB, double[] b) {
        Difference difference = Difference.of(a, b, 1 - alpha);
        boolean aBetter = metric.direction().prefers(difference.ratio(), 1);
        // Difference gives a over b; turn it into "worse relative to better", which is at least 1.
        boolean invert = aBetter == (metric.direction() == Direction.LOWER_IS_BETTER);
        double ratio = invert ? 1 / difference.ratio() : difference.ratio();
        double low = invert ? 1 / difference.high() : difference.low();
        double high = invert ? 1 / difference.low() : difference.high();
        String better = aBetter ? groupA : groupB;
        String worse = aBetter ? groupB : groupA;
        int betterTrials = aBetter ? a.length : b.length;
        int worseTrials = aBetter ? b.length : a.length;
        return new Claim(metric.name(), metric.label(), better, worse, ratio, List.of(low, high),
                difference.pValue(), difference.pValue(), false, List.of(betterTrials, worseTrials));
    }
}
