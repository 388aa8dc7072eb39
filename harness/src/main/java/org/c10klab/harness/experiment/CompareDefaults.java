package org.c10klab.harness.experiment;

/** The defaults of {@code c10k compare} and {@code c10k sweep}, in one place; durations as typed. */
public final class CompareDefaults {

    /** Connections: a burst big enough that a thread per connection shows its cost, small enough for any laptop. */
    public static final String CONNECTIONS = "200";
    /** The command: an I/O wait, where a connection holds a thread while doing nothing. */
    public static final String COMMAND = "SLEEP 100";
    /** Trials per model: with five a side, a fourfold difference under 30% trial noise is found nine times in ten. */
    public static final int REPEAT = 5;
    /**
     * Requests per connection: every model holds every connection for a second, and a trial's p99 rests on
     * 2 000 requests.
     */
    public static final long REQUESTS = 10;
    /** Sampling: a model's whole flood may last half a second, and a coarser interval would miss its peak. */
    public static final String SAMPLE_INTERVAL = "50ms";
    /** Pool threads: a quarter of the default burst, so the pool has to make connections wait their turn. */
    public static final int POOL_SIZE = 50;
    /**
     * Serial's time cap: it serves one connection at a time, so a big flood would take minutes; a few seconds
     * already show the lesson (most connections wait unanswered), in every trial.
     */
    public static final String SERIAL_CAP = "2s";
    /** Connections of the unmeasured warm-up flood against each server. */
    public static final int WARMUP_CONNECTIONS = 32;
    /** Requests per warm-up connection: enough for the server's first JIT tier on its hot paths. */
    public static final long WARMUP_REQUESTS = 100;
    /** What the warm-up sends: the shortest round trip, so the warm-up costs well under a second. */
    public static final String WARMUP_COMMAND = "PING";

    private CompareDefaults() {
    }
}
