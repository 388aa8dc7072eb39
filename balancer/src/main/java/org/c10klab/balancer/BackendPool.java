package org.c10klab.balancer;

import java.util.ArrayList;
import java.util.List;

/** The backends in configuration order, and the choice of one for each new client connection. */
public final class BackendPool {

    private final List<Backend> backends;
    private final Strategy strategy;
    /** Guarded by this; masked to stay non-negative when it wraps. */
    private int turn;

    BackendPool(List<Backend> backends, Strategy strategy) {
        this.backends = List.copyOf(backends);
        this.strategy = strategy;
    }

    public List<Backend> backends() {
        return backends;
    }

    public Strategy strategy() {
        return strategy;
    }

    /**
     * Picks a healthy backend other than {@code excluded} and reserves a connection on it; the caller
     * releases it when the connection closes or fails. One lock per new connection, so least-connections
     * sees every earlier reservation and round-robin shares exactly.
     *
     * @param excluded a backend that just failed this client, or null
     * @return the backend, or null when none is healthy
     */
    synchronized Backend select(Backend excluded) {
        List<Backend> healthy = new ArrayList<>(backends.size());
        for (Backend backend : backends) {
            if (backend.isSelectable() && backend != excluded) {
                healthy.add(backend);
            }
        }
        if (healthy.isEmpty()) {
            return null;
        }
        Backend chosen = strategy.choose(healthy, turn);
        turn = (turn + 1) & Integer.MAX_VALUE;
        chosen.reserveConnection();
        return chosen;
    }
}
