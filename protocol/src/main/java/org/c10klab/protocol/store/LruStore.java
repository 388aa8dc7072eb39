package org.c10klab.protocol.store;

import java.nio.charset.StandardCharsets;
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
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);
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
        byte[] value;
        lock.lock();
        try {
            value = entries.get(keyOf(key));
        } finally {
            lock.unlock();
        }
        (value == null ? misses : hits).increment();
        return value == null ? BulkString.NULL : new BulkString(value);
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
        lock.lock();
        try {
            byte[] previous = entries.put(keyOf(key), value);
            bytes += size - (previous == null ? 0 : sizeOf(key, previous));
            evictWhileOverBounds();
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code key}; true when it was present. */
    public boolean remove(byte[] key) {
        lock.lock();
        try {
            byte[] previous = entries.remove(keyOf(key));
            if (previous == null) {
                return false;
            }
            bytes -= sizeOf(key, previous);
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
        Iterator<Map.Entry<String, byte[]>> eldestFirst = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldestFirst.hasNext()) {
            Map.Entry<String, byte[]> eldest = eldestFirst.next();
            bytes -= (long) eldest.getKey().length() + eldest.getValue().length;
            eldestFirst.remove();
            evictions.increment();
        }
    }

    /** ISO-8859-1 maps each byte to one char, so any binary key round-trips and hashes by content. */
    private static String keyOf(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    private static long sizeOf(byte[] key, byte[] value) {
        return (long) key.length + value.length;
    }
}
