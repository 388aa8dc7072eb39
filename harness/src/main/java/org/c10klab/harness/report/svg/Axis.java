package org.c10klab.harness.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear value axis from 0 (or the data minimum) to a "nice" maximum, with round tick values. */
final class Axis {

    private final double min;
    private final double max;
    private final List<Double> ticks;

    private Axis(double min, double max, List<Double> ticks) {
        this.min = min;
        this.max = max;
        this.ticks = ticks;
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
        return new Axis(first, last, ticks);
    }

    /** Where {@code value} falls between 0 (axis minimum) and 1 (axis maximum). */
    double fraction(double value) {
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
