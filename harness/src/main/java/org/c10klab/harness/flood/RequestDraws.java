package org.c10klab.harness.flood;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;

/** One client's draws of keys and value sizes, with a random source of its own: no locks, no sharing. */
public final class RequestDraws {

    private final KeyChooser keys;
    private final UniformRandomProvider random;
    private final ValueSize valueSize;

    RequestDraws(KeysAndValues keysAndValues, UniformRandomProvider random, AtomicLong sequentialKeys) {
        this.keys = keysAndValues.keyspace() == 0 ? () -> 0 : KeyChooser.of(keysAndValues, random, sequentialKeys);
        this.random = random;
        this.valueSize = keysAndValues.valueSize();
    }

    /** The next request's key. */
    int nextKey() {
        return keys.next();
    }

    /** The next request's value length in bytes. */
    int nextValueLength() {
        return valueSize.fixed() ? valueSize.minBytes()
                : valueSize.minBytes() + random.nextInt(valueSize.maxBytes() - valueSize.minBytes() + 1);
    }
}
