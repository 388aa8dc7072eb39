package org.c10klab.server.log;

import java.nio.file.Path;
import org.c10klab.protocol.ProtocolLimits;
import picocli.CommandLine.Option;

/**
 * The logging options every server model takes, as a picocli mixin; the field initializers are the
 * defaults, so an instance built without picocli is usable too.
 */
public final class LoggingOptions {

    /** Events a log queues while its file is slow: a few hundred kilobytes, seconds of a busy access log. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;
    /** The queue is an array allocated up front, so its size is bounded like every other limit. */
    public static final int MAX_QUEUE_SIZE = 1 << 20;

    @Option(names = "--access-log", paramLabel = "FILE",
            description = "Append a line per connection event (open, close, reject) to FILE; off by default.")
    public Path accessLog;

    @Option(names = "--access-log-requests",
            description = "Also log every request: command, reply type, latency (needs --access-log).")
    public boolean accessLogRequests;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Append server events (start, stop, accept errors) to FILE instead of stderr.")
    public Path logFile;

    @Option(names = "--log-queue-size", paramLabel = "N",
            description = "Lines each log holds while its file is slow; beyond that lines are dropped and "
                    + "counted in server.log.dropped, and no connection waits (default: ${DEFAULT-VALUE}).")
    public int queueSize = DEFAULT_QUEUE_SIZE;

    /**
     * @throws IllegalArgumentException when a value is out of range or an option lacks its partner
     */
    public void validate() {
        if (queueSize < 1) {
            throw new IllegalArgumentException("--log-queue-size: " + queueSize + " (expected: >= 1)");
        }
        if (queueSize > MAX_QUEUE_SIZE) {
            throw new IllegalArgumentException(ProtocolLimits.exceeded("--log-queue-size", queueSize, MAX_QUEUE_SIZE));
        }
        if (accessLogRequests && accessLog == null) {
            throw new IllegalArgumentException("--access-log-requests needs --access-log FILE");
        }
    }
}
