package org.c10klab.netty;

import java.time.Duration;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.transport.TransportSelection;
import picocli.CommandLine.Option;

/**
 * The options only the event-loop model takes, as a picocli mixin; the field initializers are the
 * defaults, so an instance built without picocli is usable too.
 */
public final class NettyOptions {

    // Both defaults (auto transport, one event loop) were measured against the alternatives, CPU per
    // request beside redis-server: DESIGN section 3 has the table.
    @Option(names = "--transport",
            description = "auto, io_uring, epoll or nio; auto takes the first available in that order "
                    + "(default: ${DEFAULT-VALUE}).")
    public String transport = TransportSelection.AUTO;

    @Option(names = "--io-threads",
            description = "Event loop threads serving connections (default: ${DEFAULT-VALUE}; more spread "
                    + "connections over more cores, at a higher CPU cost per request).")
    public int ioThreads = 1;

    @Option(names = "--offload-threads",
            description = "Threads that run WORK (and only WORK) off the event loops; 0 runs WORK on the "
                    + "connection's event loop (default: ${DEFAULT-VALUE}).")
    public int offloadThreads;

    @Option(names = "--sleep-blocks-loop",
            description = "Teaching switch: SLEEP calls Thread.sleep on the event loop, stalling every "
                    + "connection that loop serves.")
    public boolean sleepBlocksLoop;

    @Option(names = "--reuse-port",
            description = "Set SO_REUSEPORT, so several server processes can listen on one port and the kernel "
                    + "spreads new connections over them (nginx's worker model); epoll and io_uring only.")
    public boolean reusePort;

    @Option(names = "--idle-timeout", converter = DurationConverter.class,
            description = "Close connections that neither send nor receive for this long, e.g. 30s; "
                    + "0 = never (default: 0).")
    public Duration idleTimeout = Duration.ZERO;

    /**
     * @throws IllegalArgumentException when a value is out of range
     */
    void validate() {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("--io-threads: " + ioThreads + " (expected: >= 1)");
        }
        if (offloadThreads < 0) {
            throw new IllegalArgumentException("--offload-threads: " + offloadThreads + " (expected: >= 0)");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("--idle-timeout: " + idleTimeout + " (expected: >= 0)");
        }
    }
}
