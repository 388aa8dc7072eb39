package org.c10klab.protocol.resp;

/** {@code -ERR message}: an error reply; {@code message} is everything after the dash. */
public record ErrorReply(String message) implements RespValue {

    public ErrorReply {
        if (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an error cannot contain CR or LF: " + message);
        }
    }

    /** An error in Redis's generic form, {@code ERR <text>}. */
    public static ErrorReply err(String text) {
        return new ErrorReply("ERR " + text);
    }

    @Override
    public RespType type() {
        return RespType.ERROR;
    }
}
