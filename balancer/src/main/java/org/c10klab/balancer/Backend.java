package org.c10klab.balancer;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server behind the balancer: its address, its health state and what went through it. Counters
 * are safe from any event loop; state changes are serialized on this object.
 */
public final class Backend {

    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    private final InetSocketAddress address;
    private final String label;
    private final int rise;
    private final int fall;
    /** Reserved at selection, so concurrent least-connections choices see each other; released on close. */
    private final AtomicLong activeConnections = new AtomicLong();
    private final LongAdder totalConnections = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder bytesToBackend = new LongAdder();
    private final LongAdder bytesFromBackend = new LongAdder();
    private final LongAdder serverTimeouts = new LongAdder();
    private final Map<CheckResult, LongAdder> checks = new EnumMap<>(CheckResult.class);
    /** Written under this, read without: selection only needs a recent value. */
    private volatile BackendState state = BackendState.UP;
    private volatile long stateChangedNanos = System.nanoTime();
    /** Guarded by this. */
    private int passesInARow;
    /** Guarded by this. */
    private int failuresInARow;
    private volatile CheckResult lastCheck;
    private volatile long lastCheckNanos;

    /**
     * @param rise health checks in a row that bring a down backend up
     * @param fall health checks in a row that take an up or suspect backend down
     */
    Backend(InetSocketAddress address, int rise, int fall) {
        this.address = address;
        this.label = address.getAddress().getHostAddress() + ":" + address.getPort();
        this.rise = rise;
        this.fall = fall;
        for (CheckResult result : CheckResult.values()) {
            checks.put(result, new LongAdder());
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code HOST:PORT}, the metrics tag and {@code /status} name. */
    public String label() {
        return label;
    }

    public BackendState state() {
        return state;
    }

    /** When the state last changed (or the backend was created), from {@link System#nanoTime()}. */
    public long stateChangedNanos() {
        return stateChangedNanos;
    }

    /** True when new connections may go here. */
    boolean isSelectable() {
        return state == BackendState.UP;
    }

    /** Proxied connections open or being opened now. */
    public long activeConnections() {
        return activeConnections.get();
    }

    /** Proxied connections that reached this backend since start. */
    public long totalConnections() {
        return totalConnections.sum();
    }

    /** Connects that failed (refused, timed out): each made the backend suspect. */
    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Bytes relayed from clients to this backend. */
    public long bytesToBackend() {
        return bytesToBackend.sum();
    }

    /** Bytes relayed from this backend to clients. */
    public long bytesFromBackend() {
        return bytesFromBackend.sum();
    }

    /** Proxied connections closed because this backend stayed silent longer than {@code --server-timeout}. */
    public long serverTimeouts() {
        return serverTimeouts.sum();
    }

    /** Health checks that ended with {@code result} since start. */
    public long checks(CheckResult result) {
        return checks.get(result).sum();
    }

    /** The latest health check's result, or null before the first one finished. */
    public CheckResult lastCheck() {
        return lastCheck;
    }

    /** When the latest health check finished, from {@link System#nanoTime()}. */
    long lastCheckNanos() {
        return lastCheckNanos;
    }

    void reserveConnection() {
        activeConnections.incrementAndGet();
    }

    void releaseConnection() {
        activeConnections.decrementAndGet();
    }

    void connected() {
        totalConnections.increment();
    }

    void relayedToBackend(int bytes) {
        bytesToBackend.add(bytes);
    }

    void relayedFromBackend(int bytes) {
        bytesFromBackend.add(bytes);
    }

    void serverTimedOut() {
        serverTimeouts.increment();
    }

    /** Passive check: a client's connect failed, so skip this backend until a health check passes. */
    synchronized void connectFailed(Throwable cause) {
        connectFailures.increment();
        passesInARow = 0;
        if (state == BackendState.UP) {
            moveTo(BackendState.SUSPECT, "a connect failed: " + cause.getMessage());
        }
    }

    /** Active check: moves the state by the rise and fall rules. */
    synchronized void checked(CheckResult result) {
        checks.get(result).increment();
        lastCheck = result;
        lastCheckNanos = System.nanoTime();
        if (result == CheckResult.OK) {
            failuresInARow = 0;
            passesInARow++;
            if (state == BackendState.SUSPECT) {
                moveTo(BackendState.UP, "a health check passed");
            } else if (state == BackendState.DOWN && passesInARow >= rise) {
                moveTo(BackendState.UP, passesInARow + " health checks in a row passed");
            }
        } else {
            passesInARow = 0;
            failuresInARow++;
            if (state != BackendState.DOWN && failuresInARow >= fall) {
                moveTo(BackendState.DOWN, failuresInARow + " health checks in a row failed, the last " + result.tag());
            }
        }
    }

    private void moveTo(BackendState next, String why) {
        if (next == BackendState.UP) {
            log.info("backend {} is {} ({}; was {})", label, next.statusName(), why, state.statusName());
        } else {
            log.warn("backend {} is {} ({}; was {})", label, next.statusName(), why, state.statusName());
        }
        state = next;
        stateChangedNanos = System.nanoTime();
    }

    @Override
    public String toString() {
        return label + " (" + state.statusName() + ")";
    }
}
