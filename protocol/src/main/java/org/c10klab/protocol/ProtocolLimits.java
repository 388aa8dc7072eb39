package org.c10klab.protocol;

/**
 * Every limit a server enforces on what a client may send or ask for, in one place.
 *
 * @param maxBulkBytes    longest bulk string argument; a larger declared length is refused before
 *                        anything is allocated for it
 * @param maxInlineBytes  longest inline command line ({@code PING\r\n} style) and so the most a
 *                        decoder buffers while it waits for a line end
 * @param maxArguments    most arguments in one command, the command name included
 * @param maxSleepMillis  largest {@code SLEEP ms}: one client must not park a connection forever
 * @param maxWorkMicros   largest {@code WORK micros}: one client must not take a core forever
 * @param storeMaxEntries most keys the shared store keeps before it evicts the least recently used
 * @param storeMaxBytes   most key plus value bytes the shared store keeps before it evicts
 */
public record ProtocolLimits(
        int maxBulkBytes,
        int maxInlineBytes,
        int maxArguments,
        long maxSleepMillis,
        long maxWorkMicros,
        int storeMaxEntries,
        long storeMaxBytes) {

    /** 1 MiB: Redis allows 512 MiB, but a lab server has no business holding values that large. */
    public static final int DEFAULT_MAX_BULK_BYTES = 1024 * 1024;
    /** 64 KiB, Redis's own inline limit. */
    public static final int DEFAULT_MAX_INLINE_BYTES = 64 * 1024;
    /** 1024 arguments: generous for DEL of many keys, small enough to bound one command. */
    public static final int DEFAULT_MAX_ARGUMENTS = 1024;
    /** One minute: longer than any sensible I/O-wait stand-in. */
    public static final long DEFAULT_MAX_SLEEP_MILLIS = 60_000;
    /** One second of CPU per request. */
    public static final long DEFAULT_MAX_WORK_MICROS = 1_000_000;
    /** 100 000 keys. */
    public static final int DEFAULT_STORE_MAX_ENTRIES = 100_000;
    /** 64 MiB of keys and values. */
    public static final long DEFAULT_STORE_MAX_BYTES = 64L * 1024 * 1024;

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(
            DEFAULT_MAX_BULK_BYTES, DEFAULT_MAX_INLINE_BYTES, DEFAULT_MAX_ARGUMENTS,
            DEFAULT_MAX_SLEEP_MILLIS, DEFAULT_MAX_WORK_MICROS,
            DEFAULT_STORE_MAX_ENTRIES, DEFAULT_STORE_MAX_BYTES);

    public ProtocolLimits {
        requireAtLeast("max bulk bytes", maxBulkBytes, 0);
        requireAtLeast("max inline bytes", maxInlineBytes, 16);
        requireAtLeast("max arguments", maxArguments, 1);
        requireAtLeast("max sleep millis", maxSleepMillis, 0);
        requireAtLeast("max work micros", maxWorkMicros, 0);
        requireAtLeast("store max entries", storeMaxEntries, 1);
        requireAtLeast("store max bytes", storeMaxBytes, 1);
    }

    /** The one wording every limit uses when a value crosses it, e.g. {@code bulk length: 2000000 (expected: <= 1048576)}. */
    public static String exceeded(String what, long value, long max) {
        return what + ": " + value + " (expected: <= " + max + ")";
    }

    private static void requireAtLeast(String what, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: >= " + min + ")");
        }
    }
}
