package org.c10klab.server.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes formatted events to a file the server opens itself, appending, so that a path it cannot
 * write fails startup with one line naming the option instead of a note in Logback's status list.
 */
final class LogFileAppender extends OutputStreamAppender<ILoggingEvent> {

    private LogFileAppender() {
    }

    /**
     * Opens {@code file} for appending (a FIFO waits here for its reader) and starts writing events
     * in {@code pattern}, each flushed as it is written.
     *
     * @param option the option that named the file, for the error message, e.g. {@code --access-log}
     * @throws IOException e.g. {@code --access-log: cannot write /no/such/dir/a.log (No such file or directory)}
     */
    static LogFileAppender open(LoggerContext context, String option, Path file, String pattern) throws IOException {
        FileOutputStream stream;
        try {
            stream = new FileOutputStream(file.toFile(), true);
        } catch (FileNotFoundException e) {
            // The JDK's message already says which file and why, e.g. "x (Permission denied)".
            throw new IOException(option + ": cannot write " + e.getMessage(), e);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        LogFileAppender appender = new LogFileAppender();
        appender.setContext(context);
        appender.setName(option + " " + file);
        appender.setEncoder(encoder);
        appender.setOutputStream(stream);
        appender.start();
        return appender;
    }
}
