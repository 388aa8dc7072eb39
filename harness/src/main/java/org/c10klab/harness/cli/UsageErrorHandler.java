package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * How every {@code c10k} command reports bad usage: one line naming the option, the bad value and what is
 * expected, a hint where one helps, and "see --help"; no help dump, no exception class names. Exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + message(e));
        err.println("see '" + name + " --help'");
        err.flush();
        return ExitCode.USAGE;
    }

    /** The one line: picocli's own where it is already short, rewritten where it is not. */
    static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unknownOption(unmatched);
        }
        ArgSpec arg = e.getArgSpec();
        Throwable cause = e.getCause();
        // A converter's IllegalArgumentException, which picocli wraps as "cannot convert ... (java.lang....)".
        if (arg != null && e.getValue() != null && cause != null && cause.getMessage() != null) {
            return names(arg) + " " + e.getValue() + ": " + cause.getMessage();
        }
        return e.getMessage();
    }

    /**
     * Only the first unmatched argument: the rest are usually its value ({@code --conections 50}) and would read as
     * more unknown options.
     */
    private static String unknownOption(UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        String first = unmatched.isEmpty() ? "?" : unmatched.getFirst();
        String what = first.startsWith("-") ? "unknown option '" + first + "'" : "unexpected argument '" + first + "'";
        List<String> suggestions = e.getSuggestions();
        return suggestions.isEmpty() ? what : what + "; did you mean " + suggestions.getFirst() + "?";
    }

    private static String names(ArgSpec arg) {
        return arg instanceof OptionSpec option ? String.join("/", option.names()) : arg.paramLabel();
    }
}
