package org.c10klab.server.observe;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * One answer of the metrics endpoint: its status, content type and text body.
 *
 * @param status      e.g. 200, or 503 for {@code /health} while not accepting
 * @param contentType the {@code Content-Type} header
 * @param body        the text, sent as UTF-8
 */
record TextPage(HttpResponseStatus status, String contentType, String body) {

    /** Prometheus's text exposition format, version 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    /** A 4xx answer whose body says what was wrong, e.g. {@code not found}. */
    static TextPage refusal(HttpResponseStatus status) {
        return new TextPage(status, PLAIN_TEXT, status.reasonPhrase().toLowerCase(Locale.ROOT) + "\n");
    }
}
