package org.c10klab.harness.flood;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the key of each request is drawn from the key space, written as on the command line:
 * {@code uniform}, {@code sequential}, or {@code zipf[:s]}.
 *
 * @param kind     the distribution
 * @param exponent zipf only: the skew s (0 is uniform, larger is more skewed); 0 for the others
 */
public record KeyDistribution(Kind kind, double exponent) {

    /** YCSB's default skew: a few keys take most requests, as in many caches. */
    public static final double DEFAULT_ZIPF_EXPONENT = 0.99;
    /** Every key equally likely, each request on its own. */
    public static final KeyDistribution UNIFORM = new KeyDistribution(Kind.UNIFORM, 0);

    /** The shapes a key draw can have. */
    public enum Kind {
        /** Every key equally likely. */
        UNIFORM,
        /** Key 0, 1, 2, ... in turn across all connections, wrapping at the key space: N requests touch N keys. */
        SEQUENTIAL,
        /** Key k with probability proportional to 1 / (k + 1)^s: a few hot keys, a long cold tail. */
        ZIPF
    }

    public KeyDistribution {
        if (kind == Kind.ZIPF ? !(exponent > 0 && exponent <= 100) : exponent != 0) {
            throw new IllegalArgumentException("key distribution " + kind.name().toLowerCase(Locale.ROOT)
                    + " exponent: " + exponent + " (expected: zipf only, > 0 and <= 100)");
        }
    }

    /**
     * Reads {@code uniform}, {@code sequential}, {@code zipf} (s = {@value #DEFAULT_ZIPF_EXPONENT}) or
     * {@code zipf:1.2}.
     *
     * @throws IllegalArgumentException naming what is expected
     */
    @JsonCreator
    public static KeyDistribution parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        String expected = "expected: uniform, sequential, zipf or zipf:S with S > 0, e.g. zipf:0.99";
        switch (parts[0]) {
            case "uniform", "sequential" -> {
                if (parts.length > 1) {
                    throw new IllegalArgumentException("key distribution '" + text + "': only zipf takes a value ("
                            + expected + ")");
                }
                return new KeyDistribution(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)), 0);
            }
            case "zipf" -> {
                if (parts.length == 1) {
                    return new KeyDistribution(Kind.ZIPF, DEFAULT_ZIPF_EXPONENT);
                }
                try {
                    return new KeyDistribution(Kind.ZIPF, Double.parseDouble(parts[1]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key distribution '" + text + "' (" + expected + ")", e);
                }
            }
            default -> throw new IllegalArgumentException("key distribution '" + text + "' (" + expected + ")");
        }
    }

    /** As typed: {@code uniform}, {@code sequential}, {@code zipf:0.99}. */
    @JsonValue
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind == Kind.ZIPF ? name + ":" + exponent : name;
    }
}
