package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code c10k ARGS} in this JVM, as {@code main} would, with stdout and stderr captured. */
final class CliTestUtil {

    private CliTestUtil() {
    }

    /** The exit code of {@code c10k ARGS}; what it printed lands in {@code out} and {@code err}. */
    static int run(StringWriter out, StringWriter err, String... args) {
        picocli.CommandLine commandLine = C10k.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
