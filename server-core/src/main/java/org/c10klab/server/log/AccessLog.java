package org.c10klab.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.c10klab.server.observe.MeterNames;

/**
 * One server's access log: a {@code key=value} line per connection event (open, close, reject) and,
 * when asked, per request, queued through a logger of its own to a file of its own. {@link #OFF}
 * neither formats nor allocates.
 */
public final class AccessLog {

    /** The access log of a server started without {@code --access-log}. */
    public static final AccessLog OFF = new AccessLog(null, false, null, null, new LongAdder());

    /** Files that are some running server's access log in this JVM: two servers must not share one. */
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();
    /** A LoggerContext keeps every logger forever, so each access log gets a fresh name. */
    private static final AtomicLong LOGGER_IDS = new AtomicLong();

    private final Path file;
    private final boolean requests;
    private final Logger logger;
    private final DroppingAsyncAppender queue;
    private final LongAdder dropped;
    private final AtomicLong connectionIds = new AtomicLong();

    private AccessLog(Path file, boolean requests, Logger logger, DroppingAsyncAppender queue, LongAdder dropped) {
        this.file = file;
        this.requests = requests;
        this.logger = logger;
        this.queue = queue;
        this.dropped = dropped;
    }

    /**
     * Opens {@code file} for appending and starts its queue.
     *
     * @param requests  whether every request gets a line too
     * @param queueSize lines the queue holds while the file is slow
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when another server of this JVM writes its access log there
     */
    static AccessLog open(LoggerContext context, Path file, boolean requests, int queueSize) throws IOException {
        if (!OPEN_FILES.add(file)) {
            throw new IllegalArgumentException("--access-log: " + file
                    + " (already another server's access log in this JVM)");
        }
        try {
            LogFileAppender sink = LogFileAppender.open(context, "--access-log", file, ServerLogging.ACCESS_LOG_PATTERN);
            long id = LOGGER_IDS.incrementAndGet();
            LongAdder dropped = new LongAdder();
            DroppingAsyncAppender queue = new DroppingAsyncAppender("access-log-" + id, queueSize,
                    ServerLogging.FLUSH_TIMEOUT, dropped);
            queue.setContext(context);
            queue.addAppender(sink);
            queue.start();
            Logger logger = context.getLogger("c10k.access." + id);
            logger.setLevel(Level.INFO); // access lines are INFO whatever the configuration says
            logger.setAdditive(false); // ... and go to this file only, never to stderr
            logger.addAppender(queue);
            return new AccessLog(file, requests, logger, queue, dropped);
        } catch (IOException | RuntimeException e) {
            OPEN_FILES.remove(file);
            throw e;
        }
    }

    /** True when lines are written. */
    public boolean isOn() {
        return logger != null;
    }

    /** The file, or {@code off}. */
    public String describe() {
        return file == null ? "off" : file + (requests ? " (with requests)" : "");
    }

    /**
     * Logs a new connection from {@code remote} and returns where its later events go.
     *
     * @return {@link ConnectionLog#OFF} when this log is off
     */
    public ConnectionLog opened(SocketAddress remote) {
        if (logger == null) {
            return ConnectionLog.OFF;
        }
        ConnectionLog connection = new ConnectionLog(this, connectionIds.incrementAndGet(), hostPort(remote));
        write(new AccessLine("open").field("conn", connection.id()).field("remote", connection.remote()));
        return connection;
    }

    /** Logs a failed accept(), e.g. EMFILE; there is no connection to name. */
    public void acceptFailed(String error) {
        if (logger != null) {
            write(new AccessLine("reject").field("reason", MeterNames.REASON_ACCEPT_ERROR)
                    .quoted("error", String.valueOf(error)));
        }
    }

    /** Lines dropped so far, for the meter; held here, so it lives as long as this log. */
    LongAdder dropped() {
        return dropped;
    }

    /** Whether requests get lines of their own. */
    boolean logsRequests() {
        return requests;
    }

    void write(AccessLine line) {
        logger.info(line.toString());
    }

    /**
     * Flushes what is queued, waiting at most {@link ServerLogging#FLUSH_TIMEOUT} for a slow file,
     * and stops. A line logged later is counted as dropped.
     */
    void close() {
        if (queue != null) {
            queue.stop();
            OPEN_FILES.remove(file);
        }
    }

    /** {@code 127.0.0.1:50312}, {@code [::1]:50312}, or what the address says of itself. */
    private static String hostPort(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return address == null ? "unknown" : address.toString().replace(' ', '_');
    }
}
