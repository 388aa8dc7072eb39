package org.c10klab.protocol.resp;

/**
 * The connection held the largest request buffer when the server's {@link ClientBufferBudget} ran
 * out, so it was evicted: it gets {@code -ERR client buffer budget exceeded ...} and is closed, and
 * everyone else keeps being served.
 */
public final class ClientBufferBudgetException extends RuntimeException {

    /**
     * @param heldBytes the bytes this connection held when it was evicted
     * @param maxBytes  the server's budget for all connections together
     */
    public ClientBufferBudgetException(long heldBytes, long maxBytes) {
        super("client buffer budget exceeded: this connection held the largest request buffer (" + heldBytes
                + " bytes) when all connections together needed more than " + maxBytes
                + " bytes; raise --max-client-buffer-bytes");
    }

    /** The reply the client gets before its connection is closed. */
    public ErrorReply toReply() {
        return ErrorReply.err(getMessage());
    }
}
