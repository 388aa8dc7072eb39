package org.c10klab.harness.flood;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How many bytes a {@code __value__} stands for: a fixed size ({@code 100}) or a range drawn uniformly per
 * request ({@code 100-1000}), as typed on the command line.
 *
 * @param minBytes the smallest value, at least 0
 * @param maxBytes the largest value, at least {@code minBytes}
 */
public record ValueSize(int minBytes, int maxBytes) {

    /** The largest value a request may carry: the servers' default bulk limit (1 MiB). */
    public static final int MAX_BYTES = 1024 * 1024;

    public ValueSize {
        if (minBytes < 0 || maxBytes < minBytes || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("value size: " + minBytes + "-" + maxBytes
                    + " (expected: N or MIN-MAX bytes, 0 <= MIN <= MAX <= " + MAX_BYTES + ")");
        }
    }

    /**
     * Reads {@code N} or {@code MIN-MAX}.
     *
     * @throws IllegalArgumentException naming what is expected
     */
    @JsonCreator
    public static ValueSize parse(String text) {
        String[] bounds = text.trim().split("-", 2);
        try {
            int min = Integer.parseInt(bounds[0].trim());
            return new ValueSize(min, bounds.length == 1 ? min : Integer.parseInt(bounds[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value size '" + text + "' (expected: N or MIN-MAX bytes, e.g. 100 "
                    + "or 100-1000)", e);
        }
    }

    /** True when every value has the same size. */
    public boolean fixed() {
        return minBytes == maxBytes;
    }

    /** As typed: {@code 100} or {@code 100-1000}. */
    @JsonValue
    @Override
    public String toString() {
        return fixed() ? Integer.toString(minBytes) : minBytes + "-" + maxBytes;
    }
}
