package org.c10klab.harness.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis with round tick values: linear from 0 (or the data minimum) to a "nice" maximum, or
 * logarithmic from one power of ten to another.
 */
final class Axis {

    private final double min;
    private final double max;
    private final List<Double> ticks;
    private final boolean log;

    private Axis(double min, double max, List<Double> ticks, boolean log) {
        this.min = min;
        this.max = max;
        this.ticks = ticks;
        this.log = log;
    }

    /**
     * An axis covering {@code [dataMin, dataMax]} on {@code scale}, with about {@code targetTicks} ticks when linear.
     *
     * @param dataMin the smallest value; for {@link Scale#LOG}, the smallest positive one
     */
    static Axis covering(Scale scale, double dataMin, double dataMax, int targetTicks) {
        return scale == Scale.LOG ? logCovering(dataMin, dataMax) : covering(dataMin, dataMax, targetTicks);
    }

    /** A log axis from the power of ten at or below {@code smallestPositive} to the one at or above {@code dataMax}. */
    static Axis logCovering(double smallestPositive, double dataMax) {
        double low = Math.floor(Math.log10(smallestPositive > 0 ? smallestPositive : 1));
        double high = Math.ceil(Math.log10(Math.max(dataMax, Math.pow(10, low))));
        if (high <= low) {
            high = low + 1;
        }
        List<Double> ticks = new ArrayList<>();
        for (double power = low; power <= high; power++) {
            ticks.add(Math.pow(10, power));
        }
        return new Axis(low, high, ticks, true);
    }

    /** An axis covering {@code [dataMin, dataMax]} with about {@code targetTicks} round ticks. */
    static Axis covering(double dataMin, double dataMax, int targetTicks) {
        double low = Math.min(0, dataMin);
        double high = dataMax > low ? dataMax : low + 1;
        double step = niceStep((high - low) / targetTicks);
        double first = Math.floor(low / step) * step;
        double last = Math.ceil(high / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double tick = first; tick <= last + step / 2; tick += step) {
            ticks.add(tick);
        }
        return new Axis(first, last, ticks, false);
    }

    /** Where {@code value} falls between 0 (axis minimum) and 1 (axis maximum). */
    double fraction(double value) {
        if (log) {
            return value <= 0 ? 0 : Math.max(0, (Math.log10(value) - min) / (max - min));
        }
        return (value - min) / (max - min);
    }

    List<Double> ticks() {
        return ticks;
    }

    /** A tick label without needless decimals: 0.5, 2, 1.5k, 2M. */
    static String label(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1_000_000) {
            return trim(value / 1_000_000) + "M";
        }
        if (magnitude >= 10_000) {
            return trim(value / 1_000) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double scaled = rough / power;
        double nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
        return nice * power;
    }
}
