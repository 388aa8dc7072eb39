package org.c10klab.server.log;

/**
 * One access-log line being built: space-separated {@code key=value} fields after {@code event=};
 * free text is quoted and escaped, so a hostile client cannot forge a field or a line.
 */
final class AccessLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder(96);

    AccessLine(String event) {
        text.append("event=").append(event);
    }

    /** A value without spaces, such as a name, an address or a reason. */
    AccessLine field(String key, String value) {
        text.append(' ').append(key).append('=').append(value);
        return this;
    }

    AccessLine field(String key, long value) {
        text.append(' ').append(key).append('=').append(value);
        return this;
    }

    /** {@code nanos} as milliseconds with one decimal, e.g. {@code duration_ms=12.3}. */
    AccessLine millis(String key, long nanos) {
        long tenths = nanos / 100_000;
        text.append(' ').append(key).append('=').append(tenths / 10).append('.').append(tenths % 10);
        return this;
    }

    /** {@code nanos} as whole microseconds, e.g. {@code latency_us=42}. */
    AccessLine micros(String key, long nanos) {
        return field(key, nanos / 1_000);
    }

    /** Free text in double quotes; quotes, backslashes and control characters are escaped. */
    AccessLine quoted(String key, String value) {
        text.append(' ').append(key).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                text.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                text.append(c);
            }
        }
        text.append('"');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
