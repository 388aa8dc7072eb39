package org.c10klab.harness.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** How experiment reports write numbers for people: latencies, memory, ratios and lists of names. */
public final class Units {

    private static final double MIB = 1024.0 * 1024.0;

    private Units() {
    }

    /** A latency with its unit and about three significant digits: {@code 0.42 ms}, {@code 104 ms}, {@code 1.21 s}. */
    public static String latency(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, millis >= 10_000 ? "%.1f s" : "%.2f s", millis / 1000);
        }
        return millis(millis) + " ms";
    }

    /** Milliseconds without a unit, to about three significant digits: {@code 0.42}, {@code 12.3}, {@code 104}. */
    public static String millis(double millis) {
        String pattern = millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, millis);
    }

    /** Bytes as whole MiB, e.g. {@code 87}; {@code -} when unknown. */
    public static String mib(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.0f", mebibytes(bytes));
    }

    /** Bytes in MiB, for charts. */
    public static double mebibytes(long bytes) {
        return bytes / MIB;
    }

    /** A number rounded to a whole, e.g. a median count or a rate: {@code 557}. */
    public static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** A count or {@code -} when unknown. */
    public static String count(Long value) {
        return value == null ? "-" : value.toString();
    }

    /** Seconds with two decimals, or {@code -} when unknown. */
    public static String seconds(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A factor without its x, to about three digits: {@code 0.87}, {@code 1.04}, {@code 12.2}, {@code 140}. */
    public static String factor(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    /** A share as a percentage, e.g. {@code 54.5%}. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A ratio such as {@code 8.9x}. */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.1fx", ratio);
    }

    /** A ratio's confidence interval, e.g. {@code [5.1-12.2]}. */
    public static String interval(double low, double high) {
        return "[" + factor(low) + "-" + factor(high) + "]";
    }

    /** A figure with the median and range of repeated trials, e.g. {@code 142 [133-160]}; the median alone when all agree. */
    public static String spread(double median, double min, double max, Function<Double, String> format) {
        return min == max ? format.apply(median)
                : format.apply(median) + " [" + format.apply(min) + "-" + format.apply(max) + "]";
    }

    /** Whose: {@code netty's}, {@code threads'}. */
    public static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }

    /** Names as prose: {@code a}, {@code a and b}, {@code a, b and c}. */
    public static String and(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
