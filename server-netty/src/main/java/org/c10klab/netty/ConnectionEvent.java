package org.c10klab.netty;

/** What the server tells a connection's {@link CommandHandler}, as Netty user events fired down its pipeline. */
enum ConnectionEvent {

    /** A request began and was not complete within {@code --request-timeout} ({@link RequestTimeoutHandler}). */
    REQUEST_TIMED_OUT,
    /** The server is stopping: read nothing more, answer what was read, then close. */
    DRAIN,
    /** The drain timeout ran out: whatever is still owed is answered {@code -ERR server shutting down}, then the connection closes. */
    DRAIN_TIMED_OUT
}
