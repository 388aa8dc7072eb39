package org.c10klab.protocol.resp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes replies in RESP2 wire form. Stateless. */
public final class RespEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private RespEncoder() {
    }

    /** The wire bytes of {@code value}. */
    public static byte[] encode(RespValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimateSize(value));
        write(value, out);
        return out.toByteArray();
    }

    private static void write(RespValue value, ByteArrayOutputStream out) {
        switch (value) {
            case SimpleString s -> writeLine(out, RespType.SIMPLE_STRING, s.text());
            case ErrorReply e -> writeLine(out, RespType.ERROR, e.message());
            case IntegerReply i -> writeLine(out, RespType.INTEGER, Long.toString(i.value()));
            case BulkString b when b.isNull() -> out.writeBytes(NULL_BULK);
            case BulkString b -> {
                writeLine(out, RespType.BULK_STRING, Integer.toString(b.bytes().length));
                out.writeBytes(b.bytes());
                out.writeBytes(CRLF);
            }
            case RespArray a when a.elements() == null -> out.writeBytes(NULL_ARRAY);
            case RespArray a -> {
                writeLine(out, RespType.ARRAY, Integer.toString(a.elements().size()));
                for (RespValue element : a.elements()) {
                    write(element, out);
                }
            }
        }
    }

    private static void writeLine(ByteArrayOutputStream out, RespType type, String text) {
        out.write(type.prefix());
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }

    private static int estimateSize(RespValue value) {
        return value instanceof BulkString b && !b.isNull() ? b.bytes().length + 16 : 32;
    }
}
