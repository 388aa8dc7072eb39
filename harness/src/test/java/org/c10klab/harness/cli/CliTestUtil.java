package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code c10k ARGS} in this JVM, as {@code main} would, with stdout and stderr captured. */
final class CliTestUtil {

    private CliTestUtil() {
    }

    /** The exit code of {@code c10k SUBCOMMAND ARGS}; what it printed lands in {@code out} and {@code err}. */
    static int run(StringWriter out, StringWriter err, String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(List.of(args));
        return C10k.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }
}
