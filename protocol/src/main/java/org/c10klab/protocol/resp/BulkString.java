package org.c10klab.protocol.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code $len\r\nbytes\r\n}, or the null bulk {@code $-1} when {@code bytes} is null. */
public record BulkString(byte[] bytes) implements RespValue {

    public static final BulkString NULL = new BulkString(null);
    public static final BulkString EMPTY = new BulkString(new byte[0]);

    /** A bulk string holding the UTF-8 bytes of {@code text}. */
    public static BulkString of(String text) {
        return new BulkString(text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isNull() {
        return bytes == null;
    }

    /** The content as UTF-8 text, or null for the null bulk. */
    public String text() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public RespType type() {
        return RespType.BULK_STRING;
    }

    // Records compare arrays by identity; a bulk string is its content.
    @Override
    public boolean equals(Object other) {
        return other instanceof BulkString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes == null ? "BulkString[null]" : "BulkString[" + text() + "]";
    }
}
