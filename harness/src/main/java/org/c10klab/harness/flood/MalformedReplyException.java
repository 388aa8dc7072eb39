package org.c10klab.harness.flood;

import io.netty.handler.codec.DecoderException;

/** Reply bytes that are not RESP2; the connection's requests end as {@code protocol_error}. */
final class MalformedReplyException extends DecoderException {

    MalformedReplyException(String message) {
        super(message);
    }
}
