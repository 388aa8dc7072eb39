package org.c10klab.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** One logger's level changed for a test and put back on close; the tests' configuration logs WARN and above. */
public final class TemporaryLogLevel implements AutoCloseable {

    private final Logger logger;
    private final Level before;

    private TemporaryLogLevel(Logger logger, Level level) {
        this.logger = logger;
        this.before = logger.getLevel();
        logger.setLevel(level);
    }

    /** Lets {@code type}'s INFO events through, e.g. the start and stop events of {@code ServerLogging}. */
    public static TemporaryLogLevel info(Class<?> type) {
        return new TemporaryLogLevel((Logger) LoggerFactory.getLogger(type), Level.INFO);
    }

    @Override
    public void close() {
        logger.setLevel(before);
    }
}
