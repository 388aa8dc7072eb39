package org.c10klab.balancer;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.Locale;

/** How one health check ended; every value but {@link #OK} counts as a failure. */
public enum CheckResult {

    /** The backend answered {@code +PONG}. */
    OK,
    /** Nothing listens on the port (ECONNREFUSED). */
    REFUSED,
    /** No connection or no reply within {@code --health-timeout}. */
    TIMEOUT,
    /** The backend closed the connection before it answered. */
    CLOSED,
    /** The backend answered something other than {@code +PONG}. */
    BAD_REPLY,
    /** Any other I/O error. */
    ERROR;

    /** The tag value and {@code /status} token, e.g. {@code bad_reply}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result a failed connect or read stands for. */
    static CheckResult of(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return TIMEOUT;
        }
        // Netty's native transports report ECONNREFUSED as a ConnectException subclass too.
        if (cause instanceof ConnectException) {
            return REFUSED;
        }
        return ERROR;
    }
}
