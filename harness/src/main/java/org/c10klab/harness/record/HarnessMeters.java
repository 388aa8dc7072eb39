package org.c10klab.harness.record;

/** The names and tags of the harness's own meters (DESIGN section 4). */
public final class HarnessMeters {

    /** Timer: time to connect, successful attempts. */
    public static final String CONNECT = "harness.connect";
    /**
     * Histogram: time to a reply, from the intended send time in the open model. Published as Micrometer would
     * publish a timer {@code harness.request}, but built at scrape time, so it is named as a scrape shows it.
     */
    public static final String REQUEST_SECONDS = "harness_request_seconds";
    /** Counter: how attempts and requests ended, tagged {@link #TAG_OUTCOME} and {@link #TAG_PHASE}. */
    public static final String OUTCOMES = "harness.outcomes";
    /** Gauge: connections open now. */
    public static final String CONNECTIONS_OPEN = "harness.connections.open";
    /**
     * Counter: the kernel's ListenOverflows of the harness's network namespace, any listener's: handshakes dropped
     * at a full accept queue (DESIGN section 5). The server's own is the same where both share a namespace.
     */
    public static final String LISTEN_OVERFLOWS = "harness.kernel.listen.overflows";

    /** Tag: an outcome label, e.g. {@code connect_timeout}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: {@link #PHASE_CONNECT} or {@link #PHASE_REQUEST}; the two are never merged. */
    public static final String TAG_PHASE = "phase";
    /** Phase of connection attempts. */
    public static final String PHASE_CONNECT = "connect";
    /** Phase of requests. */
    public static final String PHASE_REQUEST = "request";

    private HarnessMeters() {
    }
}
