package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code c10k} subcommands in this JVM the way a user types them, capturing stdout and stderr. */
final class C10kTestUtil {

    private C10kTestUtil() {
    }

    /** {@code c10k ARGS}; returns the exit code. */
    static int execute(StringWriter out, StringWriter err, String... args) {
        return C10k.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
