package org.c10klab.harness.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One comparison a verdict draws between two groups of trials on one figure, as {@code compare.json}'s
 * {@code claims} lists it.
 *
 * @param metric         the figure's machine-readable name
 * @param label          the figure as sentences name it
 * @param better         the group whose geometric mean is better
 * @param worse          the other group
 * @param ratio          how many times worse {@code worse} is: its value over {@code better}'s for a figure
 *                       that is better low, {@code better}'s over its for one that is better high; at least 1
 * @param interval       the ratio's confidence interval, low then high, at the claims' confidence
 * @param pValue         Welch's two-sided p-value on the logarithms of the trials
 * @param adjustedPValue the p-value after Holm's correction over every claim of the verdict
 * @param significant    true when the difference holds beyond the noise: {@code adjustedPValue} under the level
 * @param trials         the trials behind each side, better's then worse's
 */
public record Claim(String metric, String label, String better, String worse, double ratio, List<Double> interval,
                    @JsonProperty("p_value") double pValue, @JsonProperty("adjusted_p_value") double adjustedPValue,
                    boolean significant, List<Integer> trials) {

    public Claim {
        interval = List.copyOf(interval);
        trials = List.copyOf(trials);
    }
}
