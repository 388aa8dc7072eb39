package org.c10klab.harness.report;

import java.util.Locale;

/** A count with its noun in agreement, as every report prints counts: {@code 1 connection}, {@code 2 connections}. */
public final class Plural {

    private Plural() {
    }

    /** {@code count} and {@code noun}, plural unless the count is exactly one: {@code 1 reply}, {@code 3 replies}. */
    public static String of(long count, String noun) {
        return count + " " + noun(count, noun);
    }

    /** {@code noun} in the number {@code count} asks for: {@code trial} for 1, {@code trials} otherwise. */
    public static String noun(double count, String noun) {
        if (count == 1) {
            return noun;
        }
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }

    /** {@code was} for a count of one, {@code were} otherwise: {@code 1 was reset}, {@code 0 were reset}. */
    public static String was(double count) {
        return count == 1 ? "was" : "were";
    }

    /** A fraction as people say it: {@code 1 of 3 trials}, {@code 2 of 2 requests}. */
    public static String ofTotal(long part, long total, String noun) {
        return String.format(Locale.ROOT, "%d of %s", part, of(total, noun));
    }
}
