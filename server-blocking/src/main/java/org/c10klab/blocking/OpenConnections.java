package org.c10klab.blocking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.c10klab.server.observe.ServerMetrics;

/**
 * The server's open connections: the {@code --max-connections} gate in front of accept(), the
 * open count in the metrics, and the drain and what follows its timeout at stop.
 */
final class OpenConnections {

    private final ServerMetrics metrics;
    /** One permit per connection that may still open; null when there is no limit. */
    private final Semaphore slots;
    // A ReentrantLock, not synchronized: virtual threads register and unregister here too.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final Set<ConnectionHandler> handlers = new HashSet<>();
    private boolean draining;

    /**
     * @param maxConnections most connections open at once; 0 = no limit
     */
    OpenConnections(int maxConnections, ServerMetrics metrics) {
        this.metrics = metrics;
        this.slots = maxConnections > 0 ? new Semaphore(maxConnections) : null;
    }

    /**
     * Blocks while the limit is reached, so new connections wait in the kernel's accept queue.
     *
     * @return false once the server is stopping; no slot is held then
     */
    boolean awaitSlot() throws InterruptedException {
        if (slots != null) {
            slots.acquire();
        }
        if (isDraining()) {
            releaseSlot();
            return false;
        }
        return true;
    }

    /** Gives back a slot taken by {@link #awaitSlot} when no connection came of it. */
    void releaseSlot() {
        if (slots != null) {
            slots.release();
        }
    }

    /**
     * Counts a newly accepted connection as open; it then holds its slot until it unregisters.
     *
     * @return false when the server is stopping: the caller closes the socket, the slot is released
     */
    boolean register(ConnectionHandler handler) {
        lock.lock();
        try {
            if (draining) {
                releaseSlot();
                return false;
            }
            handlers.add(handler);
        } finally {
            lock.unlock();
        }
        metrics.connectionOpened();
        return true;
    }

    /** A connection closed: its slot frees up. Ignores handlers that never registered. */
    void unregister(ConnectionHandler handler) {
        lock.lock();
        try {
            if (!handlers.remove(handler)) {
                return;
            }
            if (handlers.isEmpty()) {
                emptied.signalAll();
            }
        } finally {
            lock.unlock();
        }
        metrics.connectionClosed();
        releaseSlot();
    }

    /** Refuses new connections, wakes an accept loop waiting for a slot, and drains every open one. */
    void beginDrain() {
        lock.lock();
        try {
            draining = true; // from here on register() refuses, so every connection is drained below
        } finally {
            lock.unlock();
        }
        releaseSlot();
        forEachOpen(ConnectionHandler::drain);
    }

    /**
     * Waits until every connection has closed, at most until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return true when none is open
     */
    boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!handlers.isEmpty()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                emptied.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Applies {@code action} to every connection open now, outside the lock (e.g. {@link ConnectionHandler#giveUp}). */
    void forEachOpen(Consumer<ConnectionHandler> action) {
        List<ConnectionHandler> open;
        lock.lock();
        try {
            open = new ArrayList<>(handlers);
        } finally {
            lock.unlock();
        }
        open.forEach(action);
    }

    /** Connections open now. */
    int size() {
        lock.lock();
        try {
            return handlers.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean isDraining() {
        lock.lock();
        try {
            return draining;
        } finally {
            lock.unlock();
        }
    }
}
