package org.c10klab.server;

import org.c10klab.protocol.resp.ErrorReply;

/** The errors a server sends on its own, in place of a command's reply, just before it closes the connection. */
public final class ServerErrors {

    /** A request began but was not complete within {@code --request-timeout}. */
    public static final ErrorReply REQUEST_TIMEOUT = ErrorReply.err("request timeout");
    /** A request still owed its reply when the drain timeout ran out. */
    public static final ErrorReply SHUTTING_DOWN = ErrorReply.err("server shutting down");

    private ServerErrors() {
    }
}
