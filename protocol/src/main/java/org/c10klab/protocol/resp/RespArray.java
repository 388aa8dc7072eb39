package org.c10klab.protocol.resp;

import java.util.List;

/** {@code *n} followed by n values, or the null array {@code *-1} when {@code elements} is null. */
public record RespArray(List<RespValue> elements) implements RespValue {

    public static final RespArray EMPTY = new RespArray(List.of());

    public RespArray {
        elements = elements == null ? null : List.copyOf(elements);
    }

    /** An array of the given values. */
    public static RespArray of(RespValue... values) {
        return new RespArray(List.of(values));
    }

    @Override
    public RespType type() {
        return RespType.ARRAY;
    }
}
