package org.c10klab.harness.flood;

/**
 * What the {@code __key__} and {@code __value__} placeholders of the commands stand for: a key drawn per
 * request from a key space, and a value of a given size.
 *
 * @param keyspace        keys to draw from, 0 to keyspace - 1, written zero-padded to one width; 0 = no keys
 * @param keyDistribution how each request's key is drawn
 * @param valueSize       the bytes a {@code __value__} stands for; null = no values
 * @param sequentialStart where the sequential counter starts: 0 for a whole flood, a segment's first request's
 *                        number in the whole flood for {@code --segment}, so the segments touch the keys the whole
 *                        flood would instead of all the same first ones
 */
public record KeysAndValues(int keyspace, KeyDistribution keyDistribution, ValueSize valueSize, long sequentialStart) {

    /** Stands for a key from the key space, in any word of a command, e.g. {@code GET user:__key__}. */
    public static final String KEY = "__key__";
    /** Stands for a value of {@code --value-size} bytes, e.g. {@code SET __key__ __value__}. */
    public static final String VALUE = "__value__";
    /** No placeholders: every request is the command as typed. */
    public static final KeysAndValues NONE = new KeysAndValues(0, KeyDistribution.UNIFORM, null, 0);

    public KeysAndValues {
        if (keyspace < 0) {
            throw new IllegalArgumentException("--keyspace: " + keyspace + " (expected: >= 1)");
        }
        if (sequentialStart < 0) {
            throw new IllegalArgumentException("sequential start: " + sequentialStart + " (expected: >= 0)");
        }
        if (keyspace == 0 && !keyDistribution.equals(KeyDistribution.UNIFORM)) {
            throw new IllegalArgumentException("--key-distribution " + keyDistribution
                    + " needs --keyspace N and a __key__ in a --command");
        }
    }

    /** These keys and values, the sequential counter starting at {@code start}. */
    public KeysAndValues startingAt(long start) {
        return new KeysAndValues(keyspace, keyDistribution, valueSize, start);
    }

    /** Digits every key is written with: the width of the largest key, so a key's length never varies. */
    public int keyWidth() {
        return Integer.toString(Math.max(0, keyspace - 1)).length();
    }
}
