package org.c10klab.harness.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The median of a figure over repeated trials with its range, shown as {@code 142 [133-160]}: the median
 * says what is typical, the range how much the machine's noise moved it.
 *
 * @param median the median of the trials
 * @param min    the lowest trial
 * @param max    the highest trial
 * @param trials how many trials had a value
 */
public record Spread(double median, double min, double max, int trials) {

    /** The spread of {@code values}, ignoring nulls and NaN; null when no value is left. */
    public static Spread of(Collection<? extends Number> values) {
        double[] present = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue)
                .filter(value -> !Double.isNaN(value)).toArray();
        return present.length == 0 ? null : of(present);
    }

    /** The spread of {@code values}, which must not be empty. */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return new Spread(Median.withDefaults().evaluate(values), Arrays.stream(values).min().orElseThrow(),
                Arrays.stream(values).max().orElseThrow(), values.length);
    }

    /** True when every trial had the same value. */
    public boolean constant() {
        return min == max;
    }
}
