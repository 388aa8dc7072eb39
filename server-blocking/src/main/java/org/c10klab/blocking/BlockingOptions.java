package org.c10klab.blocking;

import java.time.Duration;
import org.c10klab.server.DurationConverter;
import picocli.CommandLine.Option;

/**
 * The options only the blocking models take, as a picocli mixin. Fields start at their defaults,
 * so an instance built without picocli is usable as it is.
 */
public final class BlockingOptions {

    /** How long a connection may wait for a pool thread by default: long enough to ride out a burst. */
    public static final String DEFAULT_ADMISSION_TIMEOUT = "1s";
    /** Carrier threads of the virtual model by default. */
    public static final int DEFAULT_CARRIERS = 1;
    /** The most a ForkJoinPool, the scheduler's pool, runs. */
    private static final int MAX_CARRIERS = 0x7fff;

    @Option(names = "--model", converter = Model.Converter.class, completionCandidates = Model.CliNames.class,
            description = "How a connection is held: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Model model = Model.VIRTUAL;

    @Option(names = "--pool-size",
            description = "Platform threads of the pool model (default: 2 x cores = ${DEFAULT-VALUE}).")
    public int poolSize = 2 * Runtime.getRuntime().availableProcessors();

    // One carrier, like netty's one event loop, was measured against the JDK's one per core: less CPU per
    // request and more requests/s on the 2-core box (DESIGN section 3 has the table).
    @Option(names = "--carriers", paramLabel = "N",
            description = "Virtual model: carrier threads that run all the virtual threads, the JDK scheduler's "
                    + "parallelism for this whole JVM (default: " + DEFAULT_CARRIERS + "; the JDK's own is one "
                    + "per core). WORK holds a carrier while it burns CPU.")
    public Integer carriers;

    @Option(names = "--admission-timeout", converter = DurationConverter.class,
            description = "Pool model: how long a new connection waits for a free pool thread before it gets "
                    + "'-ERR max clients reached' and is closed (default: " + DEFAULT_ADMISSION_TIMEOUT + ").")
    public Duration admissionTimeout = DurationConverter.parse(DEFAULT_ADMISSION_TIMEOUT);

    @Option(names = "--idle-timeout", converter = DurationConverter.class,
            description = "Close a connection that sends nothing for this long; 0 = never (default: 0).")
    public Duration idleTimeout = Duration.ZERO;

    /** The virtual model's carrier threads: {@code --carriers}, or the default. */
    int carriers() {
        return carriers == null ? DEFAULT_CARRIERS : carriers;
    }

    /**
     * @throws IllegalArgumentException when an option is out of range, naming it
     */
    void validate() {
        if (model == null) {
            throw new IllegalArgumentException("--model is required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("--pool-size: " + poolSize + " (expected: >= 1)");
        }
        if (carriers != null && model != Model.VIRTUAL) {
            throw new IllegalArgumentException("--carriers is an option of --model virtual only");
        }
        if (carriers != null && (carriers < 1 || carriers > MAX_CARRIERS)) {
            throw new IllegalArgumentException("--carriers: " + carriers + " (expected: 1 to " + MAX_CARRIERS + ")");
        }
        if (admissionTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("--admission-timeout and --idle-timeout cannot be negative");
        }
    }
}
