package org.c10klab.harness.report;

import java.util.Locale;
import org.c10klab.harness.stats.Spread;

/**
 * A count over repeated trials in words: {@code 3-10 (median 4)}, the range first because with a handful of
 * trials it is the honest part; just {@code 3} when every trial agreed.
 */
public final class CountSpread {

    private CountSpread() {
    }

    /** The spread as text, e.g. {@code 3-10 (median 4)} or {@code 3}. */
    public static String of(Spread spread) {
        if (spread.constant()) {
            return number(spread.median());
        }
        return number(spread.min()) + "-" + number(spread.max()) + " (median " + number(spread.median()) + ")";
    }

    /** The spread and its verb in agreement: {@code 1 was}, {@code 0 were}, {@code 0-2 (median 1) were}. */
    public static String was(Spread spread) {
        return of(spread) + " " + (spread.constant() ? Plural.was(spread.median()) : "were");
    }

    /** A figure named before its spread, e.g. {@code connected 3-10 (median 4)}. */
    public static String named(String name, Spread spread) {
        return name + " " + of(spread);
    }

    /** A whole number as such, a median between two counts with its half: {@code 4}, {@code 4.5}. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
