package org.c10klab.protocol.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.c10klab.protocol.resp.BulkString;

/**
 * The key-value store all connections of a server share: bounded by entry count and by key plus
 * value bytes, evicting the least recently used entry first. Every operation is O(1).
 *
 * <p>One {@link ReentrantLock} guards a {@link LinkedHashMap} in access order. The lock is held only
 * for a map operation, never around blocking work, and unlike {@code synchronized} on JDK 21 it
 * never pins a virtual thread to its carrier.
 */
public final class LruStore {

    private final int maxEntries;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** Values are kept as the bulk reply GET returns, made once at SET time, outside the lock. */
    private final LinkedHashMap<Key, BulkString> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /**
     * @param maxEntries most keys kept
     * @param maxBytes   most key plus value bytes kept
     */
    public LruStore(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("store bounds must be positive: entries " + maxEntries + ", bytes " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The value under {@code key} as a bulk reply ({@code $-1} when absent); a hit refreshes recency. */
    public BulkString get(byte[] key) {
        Key lookup = new Key(key); // hashed here, outside the lock
        BulkString value;
        lock.lock();
        try {
            value = entries.get(lookup);
        } finally {
            lock.unlock();
        }
        (value == null ? misses : hits).increment();
        return value == null ? BulkString.NULL : value;
    }

    /**
     * Stores {@code value} under {@code key}, then evicts least recently used entries until both
     * bounds hold again.
     *
     * @throws IllegalArgumentException when the entry alone is larger than the byte bound
     */
    public void put(byte[] key, byte[] value) {
        long size = sizeOf(key, value);
        if (size > maxBytes) {
            throw new IllegalArgumentException("entry of " + size + " bytes exceeds the store's " + maxBytes);
        }
        Key entryKey = new Key(key);
        BulkString entryValue = new BulkString(value);
        lock.lock();
        try {
            BulkString previous = entries.put(entryKey, entryValue);
            bytes += size - (previous == null ? 0 : sizeOf(key, previous.bytes()));
            evictWhileOverBounds();
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code key}; true when it was present. */
    public boolean remove(byte[] key) {
        Key lookup = new Key(key);
        lock.lock();
        try {
            BulkString previous = entries.remove(lookup);
            if (previous == null) {
                return false;
            }
            bytes -= sizeOf(key, previous.bytes());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The number of keys held now. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Key plus value bytes held now. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long evictions() {
        return evictions.sum();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void evictWhileOverBounds() {
        Iterator<Map.Entry<Key, BulkString>> eldestFirst = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldestFirst.hasNext()) {
            Map.Entry<Key, BulkString> eldest = eldestFirst.next();
            bytes -= sizeOf(eldest.getKey().bytes, eldest.getValue().bytes());
            eldestFirst.remove();
            evictions.increment();
        }
    }


    private static long sizeOf(byte[] key, byte[] value) {
        return (long) key.length + value.length;
    }

    /**
     * A key by content: any binary key works. The hash is computed once, when the key is made outside
     * the lock, so the map's probes under the lock only compare.
     */
    private static final class Key {

        final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
