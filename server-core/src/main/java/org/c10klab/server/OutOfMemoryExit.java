package org.c10klab.server;

import java.util.List;

/**
 * How every lab JVM ends when it runs out of heap: at once, with exit code 3 and the JVM's line
 * {@code Terminating due to java.lang.OutOfMemoryError: ...} on stderr, instead of living on with
 * the threads the error killed (a server that accepts and answers nothing, and ignores SIGTERM).
 * The {@code ./c10k} launcher passes the same options.
 */
public final class OutOfMemoryExit {

    /**
     * JVM options: exit on the first OutOfMemoryError the JVM raises (a failed thread start is not
     * one: the thread models still refuse that connection and live on), and print the JVM's own
     * messages on stderr, where a parent process looks for why a child died.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

    private OutOfMemoryExit() {
    }
}
