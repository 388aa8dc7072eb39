package org.c10klab.server.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's server log: every event of this project's and Netty's loggers goes through one
 * queue to stderr (the root logger's appenders) or to {@code --log-file}. Loggers belong to the
 * process, not to a server, so every server in a JVM shares this log: the first to start installs
 * it, the last to stop flushes and removes it.
 */
final class ServerEventLog {

    /** The loggers whose events are server events: the servers' own and Netty's (accept loops, event loops). */
    private static final List<String> LOGGER_NAMES = List.of("org.c10klab", "io.netty");
    /** Stays after a reinstall, so the meter only ever grows. */
    private static final LongAdder DROPPED = new LongAdder();
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** Guarded by LOCK: each logger's additivity before the install, to restore at the end. */
    private static final Map<Logger, Boolean> ADDITIVITY = new LinkedHashMap<>();

    /** Guarded by LOCK: servers using the log now. */
    private static int users;
    /** Guarded by LOCK: present while {@link #users} > 0. */
    private static DroppingAsyncAppender queue;
    /** Guarded by LOCK: the file the log writes to, or null for stderr. */
    private static Path file;

    private ServerEventLog() {
    }

    /**
     * Joins the log, installing it first when no server uses it yet.
     *
     * @param logFile   where events go, or null for stderr; ignored when another server installed the log,
     *                  unless it names a different file
     * @param queueSize events the queue holds while the sink is slow
     * @throws IOException              when {@code logFile} cannot be written
     * @throws IllegalArgumentException when another server in this JVM already logs elsewhere
     */
    static void acquire(LoggerContext context, Path logFile, int queueSize) throws IOException {
        LOCK.lock();
        try {
            if (users > 0) {
                if (logFile != null && !logFile.equals(file)) {
                    throw new IllegalArgumentException("--log-file: " + logFile + " (this JVM's server log already goes to "
                            + (file == null ? "stderr" : file) + "; servers in one JVM share it)");
                }
            } else {
                install(context, logFile, queueSize);
            }
            users++;
        } finally {
            LOCK.unlock();
        }
    }

    /** Leaves the log; the last server to leave flushes it, within the queue's flush timeout, and removes it. */
    static void release() {
        LOCK.lock();
        try {
            if (users == 0 || --users > 0) {
                return;
            }
            // Restore first: what is logged from now on goes to the configured appenders directly.
            ADDITIVITY.forEach((logger, additive) -> {
                logger.setAdditive(additive);
                logger.detachAppender(queue);
            });
            ADDITIVITY.clear();
            queue.stop();
            queue = null;
            file = null;
        } finally {
            LOCK.unlock();
        }
    }

    /** Server events dropped in this JVM so far, for the meter; the caller need not hold it, it lives forever. */
    static LongAdder dropped() {
        return DROPPED;
    }

    private static void install(LoggerContext context, Path logFile, int queueSize) throws IOException {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> sink;
        if (logFile == null) {
            sink = new RootAppenders(root);
            sink.start();
        } else {
            sink = LogFileAppender.open(context, "--log-file", logFile, ServerLogging.SERVER_LOG_PATTERN);
        }
        queue = new DroppingAsyncAppender("server-log", queueSize, ServerLogging.FLUSH_TIMEOUT, DROPPED);
        queue.setContext(context);
        queue.addAppender(sink);
        queue.start();
        for (String name : LOGGER_NAMES) {
            Logger logger = context.getLogger(name);
            ADDITIVITY.put(logger, logger.isAdditive());
            // Attach before cutting the logger off from root: an event logged meanwhile may print
            // twice, but none is lost.
            logger.addAppender(queue);
            logger.setAdditive(false);
        }
        file = logFile;
    }
}
