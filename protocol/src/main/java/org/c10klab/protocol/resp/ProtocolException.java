package org.c10klab.protocol.resp;

/**
 * Bytes that are not a valid request. The connection that sent them gets
 * {@code -ERR Protocol error: <why>} and is closed; the server lives on.
 */
public final class ProtocolException extends RuntimeException {

    public ProtocolException(String why) {
        super(why);
    }

    /** The reply the client gets before its connection is closed. */
    public ErrorReply toReply() {
        return ErrorReply.err("Protocol error: " + getMessage());
    }
}
