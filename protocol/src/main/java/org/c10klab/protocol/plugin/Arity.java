package org.c10klab.protocol.plugin;

/**
 * How many words a command takes, its name included (Redis's "arity"): from {@code min} to
 * {@code max}, where {@link Integer#MAX_VALUE} means no upper bound.
 */
public record Arity(int min, int max) {

    public Arity {
        if (min < 1) {
            throw new IllegalArgumentException("arity min: " + min + " (expected: >= 1, the name counts)");
        }
        if (max < min) {
            throw new IllegalArgumentException("arity max: " + max + " (expected: >= min " + min + ")");
        }
    }

    /** Exactly {@code words} words, e.g. 2 for {@code UPPER msg}. */
    public static Arity exactly(int words) {
        return new Arity(words, words);
    }

    /** {@code words} words or more, e.g. 2 for {@code DEL key [key ...]}. */
    public static Arity atLeast(int words) {
        return new Arity(words, Integer.MAX_VALUE);
    }

    /** True when a command of {@code words} words, its name included, fits. */
    public boolean accepts(int words) {
        return words >= min && words <= max;
    }

    /** {@code 2}, {@code 2..4} or {@code 2+}, as INFO and the start-up log show it. */
    @Override
    public String toString() {
        if (max == Integer.MAX_VALUE) {
            return min + "+";
        }
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
