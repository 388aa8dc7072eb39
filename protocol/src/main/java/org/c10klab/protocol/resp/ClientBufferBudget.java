package org.c10klab.protocol.resp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-wide budget for request bytes that connections' decoders hold while their commands
 * arrive, like Redis's {@code maxmemory-clients}: when a growth would exceed it, the connection
 * holding the most is evicted, so one client's unfinished frames cannot exhaust the heap. Each
 * connection draws on it through its own {@link ClientBufferAccount}; safe from any thread.
 */
public final class ClientBufferBudget {

    private final long maxBytes;
    private final AtomicLong reservedBytes = new AtomicLong();
    private final Set<ClientBufferAccount> accounts = ConcurrentHashMap.newKeySet();
    // A ReentrantLock, not synchronized: virtual threads grow buffers too.
    private final ReentrantLock evicting = new ReentrantLock();

    /**
     * @param maxBytes most bytes all connections may hold together; 0 = no limit (still counted)
     */
    public ClientBufferBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("client buffer budget: " + maxBytes + " (expected: >= 0)");
        }
        this.maxBytes = maxBytes;
    }

    /** The limit; 0 when there is none. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes all open connections hold now, as reserved in whole granules. */
    public long reservedBytes() {
        return reservedBytes.get();
    }

    /**
     * Opens the account of a new connection.
     *
     * @param onEvicted called once, on the thread whose growth needed the room, when another
     *                  connection's growth evicts this one; it must wake the connection's own thread
     *                  (which then meets {@link ClientBufferBudgetException}) and return at once
     */
    public ClientBufferAccount open(Runnable onEvicted) {
        ClientBufferAccount account = new ClientBufferAccount(this, onEvicted);
        accounts.add(account);
        return account;
    }

    void forget(ClientBufferAccount account) {
        accounts.remove(account);
    }

    /** Counts {@code bytes} more (or fewer, when negative) as held. */
    void add(long bytes) {
        reservedBytes.addAndGet(bytes);
    }

    /**
     * Makes room after {@code growing} reserved more: evicts the connections holding the most until
     * the total fits again; {@code growing} may be one of them.
     */
    void makeRoom(ClientBufferAccount growing) {
        if (maxBytes == 0 || reservedBytes.get() <= maxBytes) {
            return; // the common case takes no lock
        }
        evicting.lock();
        try {
            while (reservedBytes.get() > maxBytes) {
                ClientBufferAccount largest = largest(growing);
                if (largest == null) {
                    return; // the excess is being released right now
                }
                largest.evict(largest != growing);
            }
        } finally {
            evicting.unlock();
        }
    }

    /**
     * The account holding the most, or null when none holds anything; {@code growing} wins a tie, so
     * the evicted one is the one asking whenever it can be.
     */
    private ClientBufferAccount largest(ClientBufferAccount growing) {
        long most = growing.reservedBytes();
        ClientBufferAccount largest = most > 0 ? growing : null;
        for (ClientBufferAccount account : accounts) {
            long held = account.reservedBytes();
            if (held > most) {
                largest = account;
                most = held;
            }
        }
        return largest;
    }
}
