package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.run.FailedRun;

/**
 * The exit codes every {@code c10k} command uses, so a script reads them alike: {@code flood}, {@code merge},
 * {@code compare}, {@code sweep}, {@code backlog}, {@code lab} and {@code diff}.
 */
public final class ExitCode {

    /** Done, and every {@code --assert} passed. */
    public static final int OK = 0;
    /** An {@code --assert} threshold failed. */
    public static final int ASSERT_FAILED = 1;
    /** Bad usage: an unknown option, a bad value; nothing was run. */
    public static final int USAGE = 2;
    /**
     * The run measured nothing worth reading: no connection could be made or no request succeeded, or a server
     * the command starts could not be run.
     */
    public static final int FAILED = 3;
    /** Stopped by Ctrl-C or SIGTERM; 128 + SIGINT, as shells report it. What was measured is still written. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }

    /**
     * How a command that measured {@code result} (a flood, or one merged from its segments) exits: 130 when it was
     * stopped and {@code partialMeansStopped}, 3 with one line on stderr when it measured nothing, else 1 when a
     * threshold failed, 0 otherwise.
     */
    static int of(FloodResult result, boolean partialMeansStopped, String command, PrintWriter stderr) {
        if (partialMeansStopped && result.run().partial()) {
            return INTERRUPTED;
        }
        Optional<String> failed = FailedRun.reason(result);
        if (failed.isPresent()) {
            stderr.println("c10k " + command + ": " + failed.get());
            stderr.flush();
            return FAILED;
        }
        return result.checksPassed() ? OK : ASSERT_FAILED;
    }
}
