package org.c10klab.harness.flood;

import java.time.Duration;

/** The defaults of {@code c10k flood}, in one place; durations as typed on the command line. */
public final class FloodDefaults {

    /** Connections opened: the ten nervous clients of DESIGN section 5. */
    public static final String CONNECTIONS = "10";
    /** How long a connect may take: past the SYN retransmit at 1 s, before the one at 3 s. */
    public static final String CONNECT_TIMEOUT = "2s";
    /** How long a sent request may wait for its reply. */
    public static final String RESPONSE_TIMEOUT = "10s";
    /** Requests per connection when no duration is given. */
    public static final long REQUESTS = 1;
    /** The command every request sends when none is given. */
    public static final String COMMAND = "PING";
    /** What {@code --protocol raw} sends when no payload is given (escapes decoded later). */
    public static final String PAYLOAD = "hello\\n";
    /** Requests in flight per connection. */
    public static final String PIPELINE = "1";
    /** How often the target and the harness are sampled for the timeline. */
    public static final String SAMPLE_INTERVAL = "250ms";
    /** How long Ctrl-C waits for connections to close before results are written anyway. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** File descriptors the harness JVM needs besides its sockets: jars, event-loop fds, /proc reads. */
    public static final int RESERVED_FILES = 64;

    private FloodDefaults() {
    }

    /** Event-loop threads: a handful, never more than the cores, since each one can drive thousands of sockets. */
    public static int threads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
