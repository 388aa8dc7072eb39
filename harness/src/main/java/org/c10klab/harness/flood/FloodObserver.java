package org.c10klab.harness.flood;

/**
 * What the engine reports as it goes, one call per event, from its event-loop threads; implementations
 * must be thread-safe and cheap. Every attempt ends in exactly one of {@link #connected} and
 * {@link #connectFailed}; every sent request in exactly one of {@link #answered} and {@link #requestFailed}.
 */
public interface FloodObserver {

    /**
     * A client began its work (its first connect, or its request schedule with {@code --reconnect --rate}).
     *
     * @param lagNanos how long after the connect schedule wanted it (the run's start for a burst): the
     *                 harness's own lateness, never the target's
     */
    void clientStarted(long lagNanos);

    /** A connection attempt started. */
    void connectAttempted();

    /** An attempt connected after {@code connectNanos}. */
    void connected(long connectNanos);

    /** An attempt failed; {@code detail} names the exception class or limit, or is null. */
    void connectFailed(Outcome outcome, String detail);

    /**
     * An established connection closed.
     *
     * @param unanswered true when requests were sent on it, not one reply came back, and it ended in a
     *                   response timeout: connected, yet never served (DESIGN section 5)
     */
    void disconnected(boolean unanswered);

    /** A request was written to a connection. */
    void requestSent();

    /**
     * A reply arrived.
     *
     * @param command      which command of the workload it answered, by number
     * @param latencyNanos from the request's intended send time (open model) or its send time (closed model)
     * @param nil          the reply was a nil ({@code $-1}, {@code *-1}), e.g. a GET of a key not stored
     * @param errorMessage the message of an error reply, or null for any other reply
     */
    void answered(int command, long latencyNanos, boolean nil, String errorMessage);

    /**
     * A sent request of {@code command} (by number) got no reply; {@code detail} names the exception class or
     * reason, or is null.
     */
    void requestFailed(int command, Outcome outcome, String detail);

    /**
     * Open model: a request fell due and the client took it up.
     *
     * @param lagNanos how long after its intended send time the client noticed it: the harness's own
     *                 lateness, apart from any wait for the connection to be free
     */
    void requestDue(long lagNanos);

    /** Requests the open-model schedule wanted sent that never left: the connection was busy, failed or stopped. */
    void requestsUnsent(long count);
}
