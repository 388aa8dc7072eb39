package org.c10klab.server.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Hands each event to the root logger's appenders, so server events that went through the queue
 * still come out where and as the configuration says (stderr, in the launcher's logback.xml).
 */
final class RootAppenders extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Logger root;

    RootAppenders(Logger root) {
        this.root = root;
        setContext(root.getLoggerContext());
        setName("root appenders");
    }

    @Override
    protected void append(ILoggingEvent event) {
        root.callAppenders(event);
    }
}
