package org.c10klab.protocol.resp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's share of a {@link ClientBufferBudget}: its decoder reserves room before it
 * allocates, in whole granules so a small command costs one reservation, and gives it all back once
 * it holds nothing. The account also holds the {@link PartialCommand} those bytes belong to, so an
 * eviction takes the bytes away with the reservation. Reserved and released by the connection's own
 * thread; evicted by any.
 */
public final class ClientBufferAccount implements AutoCloseable {

    /** Reservations are whole multiples of this, so small commands rarely touch the shared counter. */
    static final int GRANULE_BYTES = 4 * 1024;

    private final ClientBufferBudget budget;
    private final Runnable onEvicted;
    /** Bytes reserved, or once evicted or closed {@code -1 - bytes it held then}. */
    private final AtomicLong state = new AtomicLong();
    /** What the reserved bytes hold; null once evicted or closed. */
    private volatile PartialCommand partial = new PartialCommand();

    ClientBufferAccount(ClientBufferBudget budget, Runnable onEvicted) {
        this.budget = budget;
        this.onEvicted = onEvicted;
    }

    /** An account of its own unlimited budget, for a decoder that no server budget governs. */
    public static ClientBufferAccount unbudgeted() {
        return new ClientBufferBudget(0).open(() -> { });
    }

    /** The connection's partial command, for its decoder to work on during one call and not keep; null once evicted. */
    PartialCommand partialCommand() {
        return partial;
    }

    /**
     * Makes sure {@code heldBytes} are reserved before the decoder holds that many.
     *
     * @throws ClientBufferBudgetException when this connection is evicted to stay within the budget,
     *                                     now or by another connection's growth earlier
     */
    void hold(long heldBytes) {
        while (true) {
            long reserved = state.get();
            if (reserved < 0) {
                throw evictedError();
            }
            if (heldBytes <= reserved) {
                return;
            }
            long wanted = (heldBytes + GRANULE_BYTES - 1) & -GRANULE_BYTES;
            if (state.compareAndSet(reserved, wanted)) {
                budget.add(wanted - reserved);
                break;
            }
        }
        budget.makeRoom(this);
        if (state.get() < 0) {
            throw evictedError();
        }
    }

    /** Gives back everything reserved: the decoder holds nothing now. */
    void release() {
        while (true) {
            long reserved = state.get();
            if (reserved <= 0) {
                return;
            }
            if (state.compareAndSet(reserved, 0)) {
                budget.add(-reserved);
                return;
            }
        }
    }

    /** Bytes reserved now; 0 once evicted or closed. */
    public long reservedBytes() {
        return Math.max(state.get(), 0);
    }

    /** True once the budget evicted this connection (its next reservation throws), or it was closed. */
    public boolean isEvicted() {
        return state.get() < 0;
    }

    /**
     * Takes this connection's reservation back for the budget, and with it the partial command, which
     * is garbage from now on unless a decoder call is still working on it; with {@code notify}, tells
     * the connection's thread. Called by {@link ClientBufferBudget#makeRoom} only.
     */
    void evict(boolean notify) {
        long reserved = state.get();
        if (reserved <= 0 || !state.compareAndSet(reserved, -1 - reserved)) {
            return; // holds nothing, is gone, or changed under us: the caller looks again
        }
        partial = null;
        budget.add(-reserved);
        if (notify) {
            onEvicted.run();
        }
    }

    /** Gives everything back and leaves the budget: the connection is closed. Idempotent. */
    @Override
    public void close() {
        partial = null;
        long reserved = state.getAndSet(-1);
        if (reserved > 0) {
            budget.add(-reserved);
        }
        budget.forget(this);
    }

    /** What an evicted connection's decoder throws. */
    ClientBufferBudgetException evictedError() {
        return new ClientBufferBudgetException(Math.max(-1 - state.get(), 0), budget.maxBytes());
    }
}
