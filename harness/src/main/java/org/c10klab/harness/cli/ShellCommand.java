package org.c10klab.harness.cli;

import java.util.List;
import java.util.regex.Pattern;

/** The command line that reproduces a run, quoted so it can be pasted into a POSIX shell. */
final class ShellCommand {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ShellCommand() {
    }

    /** E.g. {@code ./c10k compare --models netty,serial --command 'SLEEP 100'}. */
    static String of(String subcommand, List<String> args) {
        StringBuilder line = new StringBuilder("./c10k ").append(subcommand);
        for (String arg : args) {
            line.append(' ').append(quote(arg));
        }
        return line.toString();
    }

    private static String quote(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
