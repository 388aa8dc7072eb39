package org.c10klab.protocol.resp;

/** {@code +text}: a short status line such as {@code OK} or {@code PONG}; must not contain CR or LF. */
public record SimpleString(String text) implements RespValue {

    public static final SimpleString OK = new SimpleString("OK");
    public static final SimpleString PONG = new SimpleString("PONG");

    public SimpleString {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a simple string cannot contain CR or LF: " + text);
        }
    }

    @Override
    public RespType type() {
        return RespType.SIMPLE_STRING;
    }
}
