package org.c10klab.harness.cli;

/**
 * The exit codes every {@code c10k} command uses, so a script reads them alike: {@code flood}, {@code compare},
 * {@code sweep}, {@code backlog}, {@code lab} and {@code diff}.
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
}
