package org.c10klab.harness.flood;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a connection's bytes into RESP2 replies without building them: it finds where each whole
 * reply ends, reports error replies by message, and rejects anything that is not RESP. A reply that
 * has not fully arrived is left for the next read.
 */
final class RespReplyDecoder extends ByteToMessageDecoder {

    /** A flood reply larger than this is a misbehaving server, not a workload; Redis's own cap is 512 MiB. */
    static final int MAX_BULK_BYTES = 64 * 1024 * 1024;
    /** Longest header or simple-string line; Redis's inline limit. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Most elements in one array reply. */
    static final int MAX_ARRAY_ELEMENTS = 1024 * 1024;
    /** Deepest array nesting; bounds the recursion a hostile server can cause. */
    static final int MAX_DEPTH = 32;

    private static final int INCOMPLETE = -1;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = scan(in, start, 0);
            if (end == INCOMPLETE) {
                return;
            }
            out.add(in.getByte(start) == '-' ? new Reply.Error(line(in, start + 1))
                    : isNil(in, start) ? Reply.NIL : Reply.ANSWER);
            in.readerIndex(end);
        }
    }

    /** True for a whole {@code $-1} or {@code *-1} at {@code start}. */
    private static boolean isNil(ByteBuf in, int start) {
        byte prefix = in.getByte(start);
        return (prefix == '$' || prefix == '*') && in.getByte(start + 1) == '-' && in.getByte(start + 2) == '1'
                && in.getByte(start + 3) == '\r';
    }

    /** The index just past the value starting at {@code index}, or {@link #INCOMPLETE}. */
    private static int scan(ByteBuf in, int index, int depth) {
        if (index >= in.writerIndex()) {
            return INCOMPLETE;
        }
        byte prefix = in.getByte(index);
        int lineEnd = lineEnd(in, index + 1);
        if (lineEnd == INCOMPLETE) {
            return INCOMPLETE;
        }
        int next = lineEnd + 2;
        return switch (prefix) {
            case '+', '-' -> next;
            case ':' -> {
                number(in, index + 1, lineEnd, "integer");
                yield next;
            }
            case '$' -> {
                long length = number(in, index + 1, lineEnd, "bulk length");
                if (length == -1) {
                    yield next;
                }
                if (length < 0 || length > MAX_BULK_BYTES) {
                    throw new MalformedReplyException("bulk length: " + length + " (expected: -1..." + MAX_BULK_BYTES
                            + ")");
                }
                long end = next + length + 2;
                if (end > in.writerIndex()) {
                    yield INCOMPLETE;
                }
                if (in.getByte((int) end - 2) != '\r' || in.getByte((int) end - 1) != '\n') {
                    throw new MalformedReplyException("bulk string of " + length + " bytes not followed by CRLF");
                }
                yield (int) end;
            }
            case '*' -> {
                long count = number(in, index + 1, lineEnd, "array length");
                if (count < -1 || count > MAX_ARRAY_ELEMENTS) {
                    throw new MalformedReplyException("array length: " + count + " (expected: -1..."
                            + MAX_ARRAY_ELEMENTS + ")");
                }
                if (depth >= MAX_DEPTH) {
                    throw new MalformedReplyException("array nesting: " + (depth + 1) + " (expected: <= " + MAX_DEPTH
                            + ")");
                }
                int position = next;
                for (long i = 0; i < count && position != INCOMPLETE; i++) {
                    position = scan(in, position, depth + 1);
                }
                yield position;
            }
            default -> throw new MalformedReplyException(String.format(
                    "byte 0x%02x where a reply starts (expected one of + - : $ *)", prefix & 0xff));
        };
    }

    /** The index of the CR of the CRLF ending the line that starts at {@code from}, or {@link #INCOMPLETE}. */
    private static int lineEnd(ByteBuf in, int from) {
        int limit = Math.min(in.writerIndex(), from + MAX_LINE_BYTES + 1);
        int lf = in.indexOf(from, limit, (byte) '\n');
        if (lf == -1) {
            if (in.writerIndex() - from > MAX_LINE_BYTES) {
                throw new MalformedReplyException("line longer than " + MAX_LINE_BYTES + " bytes (expected: <= "
                        + MAX_LINE_BYTES + ")");
            }
            return INCOMPLETE;
        }
        if (lf == from || in.getByte(lf - 1) != '\r') {
            throw new MalformedReplyException("line ends in a bare LF (expected: CRLF)");
        }
        return lf - 1;
    }

    /**
     * The decimal number between {@code from} and {@code to}, parsed as {@link Long#parseLong} does (a sign, then
     * digits, no overflow) but without building a string: every reply has a length or integer line.
     */
    private static long number(ByteBuf in, int from, int to, String what) {
        byte sign = from < to ? in.getByte(from) : 0;
        boolean negative = sign == '-';
        int firstDigit = negative || sign == '+' ? from + 1 : from;
        // Accumulated negatively, as Long.parseLong does, so Long.MIN_VALUE fits too.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        boolean valid = firstDigit < to;
        long value = 0;
        for (int i = firstDigit; valid && i < to; i++) {
            int digit = in.getByte(i) - '0';
            valid = digit >= 0 && digit <= 9 && value >= limit / 10 && value * 10 >= limit + digit;
            value = value * 10 - digit;
        }
        if (!valid) {
            throw new MalformedReplyException(what + ": '" + in.toString(from, to - from, StandardCharsets.US_ASCII)
                    + "' is not a number");
        }
        return negative ? value : -value;
    }

    private static String line(ByteBuf in, int from) {
        int end = lineEnd(in, from);
        return in.toString(from, end - from, StandardCharsets.UTF_8);
    }
}
