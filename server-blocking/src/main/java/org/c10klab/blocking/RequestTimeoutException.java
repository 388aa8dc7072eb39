package org.c10klab.blocking;

import java.io.IOException;

/** A request had begun to arrive but was not complete within {@code --request-timeout}. */
final class RequestTimeoutException extends IOException {

    RequestTimeoutException() {
        super("request not complete within the request timeout");
    }
}
