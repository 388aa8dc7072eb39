package org.c10klab.protocol.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes replies in RESP2 wire form. Stateless. The constant replies every benchmark hammers
 * ({@code +OK}, {@code +PONG}, {@code $-1}, ...) are encoded once and shared, never re-encoded.
 */
public final class RespEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] PONG = ascii("+PONG\r\n");
    private static final byte[] NULL_BULK = ascii("$-1\r\n");
    private static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");
    private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");

    private RespEncoder() {
    }

    /**
     * The wire bytes of {@code value}. A constant reply comes back as the one shared array, so
     * callers must never modify what they get.
     */
    public static byte[] encode(RespValue value) {
        byte[] preEncoded = preEncoded(value);
        if (preEncoded != null) {
            return preEncoded;
        }
        ArraySink sink = new ArraySink(value instanceof BulkString b ? b.bytes().length + 16 : 32);
        write(value, sink);
        return sink.toByteArray();
    }

    /** Writes the wire bytes of {@code value} to {@code sink}. */
    public static void write(RespValue value, RespSink sink) {
        byte[] preEncoded = preEncoded(value);
        if (preEncoded != null) {
            sink.writeBytes(preEncoded);
            return;
        }
        switch (value) {
            case SimpleString s -> writeLine(sink, RespType.SIMPLE_STRING, s.text());
            case ErrorReply e -> writeLine(sink, RespType.ERROR, e.message());
            case IntegerReply i -> writeHeader(sink, RespType.INTEGER, i.value());
            case BulkString b -> {
                writeHeader(sink, RespType.BULK_STRING, b.bytes().length);
                sink.writeBytes(b.bytes());
                sink.writeBytes(CRLF);
            }
            case RespArray a -> {
                writeHeader(sink, RespType.ARRAY, a.elements().size());
                for (RespValue element : a.elements()) {
                    write(element, sink);
                }
            }
        }
    }

    /** The shared bytes of a constant reply, or null; identity, not equality, so the check costs a few compares. */
    private static byte[] preEncoded(RespValue value) {
        if (value == SimpleString.OK) {
            return OK;
        } else if (value == SimpleString.PONG) {
            return PONG;
        } else if (value instanceof BulkString b) {
            return b.isNull() ? NULL_BULK : b.bytes().length == 0 ? EMPTY_BULK : null;
        } else if (value instanceof RespArray a) {
            return a.elements() == null ? NULL_ARRAY : a.elements().isEmpty() ? EMPTY_ARRAY : null;
        }
        return null;
    }

    private static void writeLine(RespSink sink, RespType type, String text) {
        sink.writeByte(type.prefix());
        sink.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        sink.writeBytes(CRLF);
    }

    /** {@code prefix}, the decimal digits of {@code number}, CRLF: without building a String. */
    private static void writeHeader(RespSink sink, RespType type, long number) {
        sink.writeByte(type.prefix());
        if (number < 0) {
            sink.writeByte('-');
        }
        // Digits from the most significant down; negative arithmetic so Long.MIN_VALUE needs no special case.
        long negative = number < 0 ? number : -number;
        long divisor = -1;
        while (divisor >= -Long.MAX_VALUE / 10 && negative <= divisor * 10) {
            divisor *= 10;
        }
        for (; divisor != 0; divisor /= 10) {
            sink.writeByte((int) ('0' + negative / divisor));
            negative %= divisor;
        }
        sink.writeBytes(CRLF);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable array, unsynchronized (unlike ByteArrayOutputStream): one reply, one thread. */
    private static final class ArraySink implements RespSink {

        private byte[] bytes;
        private int length;

        ArraySink(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void writeByte(int value) {
            ensureRoom(1);
            bytes[length++] = (byte) value;
        }

        @Override
        public void writeBytes(byte[] more) {
            ensureRoom(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
        }

        byte[] toByteArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }

        private void ensureRoom(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }
}
