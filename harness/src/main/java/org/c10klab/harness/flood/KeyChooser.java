package org.c10klab.harness.flood;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/** Draws each request's key, from 0 to the key space minus one; one per client, used on its event loop only. */
interface KeyChooser {

    /** The next request's key. */
    int next();

    /**
     * A chooser for one client.
     *
     * @param random   the client's own random source
     * @param sequence the run's one counter, shared by every client, so sequential keys never repeat before
     *                 the key space is used up
     */
    static KeyChooser of(KeysAndValues keys, UniformRandomProvider random, AtomicLong sequence) {
        int keyspace = keys.keyspace();
        return switch (keys.keyDistribution().kind()) {
            case UNIFORM -> () -> random.nextInt(keyspace);
            case SEQUENTIAL -> () -> (int) (sequence.getAndIncrement() % keyspace);
            case ZIPF -> {
                // Ranks from 1, the most requested first: key 0 is the hottest.
                SharedStateDiscreteSampler ranks = RejectionInversionZipfSampler.of(random, keyspace,
                        keys.keyDistribution().exponent());
                yield () -> ranks.sample() - 1;
            }
        };
    }
}
