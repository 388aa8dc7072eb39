package org.c10klab.server.log;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ResidentMemory;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's logging, built on Logback without a configuration file: its access log, its share of
 * the process's asynchronous server log, the drop meters, and the start and stop events. A server
 * starts it before it binds and closes it last when it stops.
 */
public final class ServerLogging implements AutoCloseable {

    /** How long a stop waits for a queue to reach its file; a stalled file costs this, not a hang. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);
    /** Server events in a {@code --log-file}: as on stderr, with the date and in UTC. */
    static final String SERVER_LOG_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20} - %msg%n";
    /** Access lines: the event's time, taken when it was logged, then the {@code key=value} fields. */
    static final String ACCESS_LOG_PATTERN = "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %msg%n";

    private static final Logger log = LoggerFactory.getLogger(ServerLogging.class);

    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final int queueSize;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once the server accepts, e.g. {@code netty server on 127.0.0.1:7379}; null before. */
    private volatile String server;

    private ServerLogging(ServerMetrics metrics, AccessLog accessLog, int queueSize) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.queueSize = queueSize;
    }

    /**
     * Validates {@code options}, opens the files they name, and publishes the drop meters on {@code metrics}.
     *
     * @throws IllegalArgumentException for an out-of-range or conflicting option
     * @throws IOException              when a log file cannot be written, e.g.
     *                                  {@code --access-log: cannot write /no/dir/a.log (No such file or directory)}
     */
    public static ServerLogging start(LoggingOptions options, ServerMetrics metrics) throws IOException {
        options.validate();
        Path accessFile = absolute(options.accessLog);
        Path logFile = absolute(options.logFile);
        if (accessFile != null && accessFile.equals(logFile)) {
            throw new IllegalArgumentException("--access-log and --log-file: both " + accessFile
                    + " (expected: two different files)");
        }
        LoggerContext context = loggerContext();
        ServerEventLog.acquire(context, logFile, options.queueSize);
        AccessLog accessLog;
        try {
            accessLog = accessFile == null ? AccessLog.OFF
                    : AccessLog.open(context, accessFile, options.accessLogRequests, options.queueSize);
        } catch (IOException | RuntimeException e) {
            ServerEventLog.release();
            throw e;
        }
        metrics.countLogDrops(MeterNames.LOG_ACCESS, accessLog.dropped());
        metrics.countLogDrops(MeterNames.LOG_SERVER, ServerEventLog.dropped());
        return new ServerLogging(metrics, accessLog, options.queueSize);
    }

    /** Where the server's connections log their events. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** Logs the start event; call once the server accepts. */
    public void started(String model, InetSocketAddress address, int effectiveBacklog) {
        server = model + " server on " + address.getAddress().getHostAddress() + ":" + address.getPort();
        log.info("{} started (backlog {}, access log {})", server, effectiveBacklog, accessLog.describe());
    }

    /**
     * Flushes and stops the access log, logs the stop event, and leaves the server log, whose last
     * user flushes it too; each flush waits at most {@link #FLUSH_TIMEOUT}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        accessLog.close();
        if (server != null) {
            log.info("{} stopped after {} s: {} connections accepted ({})", server,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9),
                    metrics.acceptedConnections(), processPeaks());
        }
        long accessDrops = accessLog.dropped().sum();
        if (accessDrops > 0) {
            log.warn("the access log dropped {} lines: its file did not keep up with a queue of {} (--log-queue-size)",
                    accessDrops, queueSize);
        }
        ServerEventLog.release();
    }

    /**
     * The process's peak RSS and threads, so that several servers sharing a port (or a run with no sampler)
     * each report what they cost at the height of the run; a process of several servers reports them all.
     */
    private static String processPeaks() {
        Long peakRss = ResidentMemory.peakOfSelf();
        String threads = "peak Java threads " + ManagementFactory.getThreadMXBean().getPeakThreadCount();
        return peakRss == null ? "process " + threads
                : String.format(Locale.ROOT, "process peak RSS %d MiB, %s", peakRss >> 20, threads);
    }

    private static Path absolute(Path file) {
        return file == null ? null : file.toAbsolutePath().normalize();
    }

    private static LoggerContext loggerContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            return context;
        }
        throw new IllegalStateException("server logging needs Logback as the SLF4J provider, found "
                + factory.getClass().getName());
    }
}
