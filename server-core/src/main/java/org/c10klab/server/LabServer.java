package org.c10klab.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.c10klab.server.observe.ServerMetrics;

/** A running server of any model, as {@link ServerRunner} and tests drive it. */
public interface LabServer {

    /** The model name, e.g. {@code netty} or {@code virtual}. */
    String model();

    /** The address actually bound (the real port when 0 was asked for). */
    InetSocketAddress localAddress();

    /** The server's meters, published at {@code /metrics}. */
    ServerMetrics metrics();

    /** The accept-queue limit the kernel applies: min(requested backlog, somaxconn). */
    int effectiveBacklog();

    /** True once the listener is bound and accepting. */
    boolean isAccepting();

    /**
     * Stops accepting and reading, closes idle connections at once, lets in-flight commands finish
     * for at most {@code drainTimeout} (a pending SLEEP is answered) and returns as soon as none is
     * left; what is still owed at the timeout is answered {@code -ERR server shutting down}. Then
     * closes every connection and releases all threads. Idempotent.
     */
    void stop(Duration drainTimeout);

    /** Blocks until {@link #stop} has finished. */
    void awaitStopped() throws InterruptedException;
}
