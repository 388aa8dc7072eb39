package org.c10klab.harness.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for testing many hypotheses at once. A verdict compares several figures
 * across several pairs of groups; at a 1% level each, twenty such comparisons would make a false claim
 * likely even between identical servers. Holm keeps the chance of any false claim in the family under the
 * level while rejecting more than Bonferroni does.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * The Holm-adjusted p-values, in the order given: hypothesis {@code i} is rejected at level alpha when
     * {@code adjusted[i] < alpha}.
     */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            // Step-down: the k-th smallest p is multiplied by the hypotheses still standing, and an adjusted
            // value never falls below the one before it.
            runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }
}
