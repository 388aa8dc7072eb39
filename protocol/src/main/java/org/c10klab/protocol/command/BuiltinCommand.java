package org.c10klab.protocol.command;

import java.nio.charset.StandardCharsets;

/**
 * The commands {@link CommandExecutor} implements itself. {@link #find} resolves a request's name
 * bytes to one of them without building a String, once per request.
 */
public enum BuiltinCommand {
    PING, ECHO, SET, GET, DEL, SLEEP, WORK, INFO, QUIT, COMMAND, CONFIG;

    /** The upper-case name as ASCII bytes. */
    private final byte[] upperCase = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * The one command of each name length and initial letter (A = 0): two probes instead of a scan
     * of every name, on every request. {@link #index} fails the class on a clash, so a new command
     * that shares both with an old one cannot slip in unnoticed.
     */
    private static final BuiltinCommand[][] BY_LENGTH_AND_INITIAL = index();

    /**
     * The built-in command {@code name} names, or null. Case-insensitive for ASCII letters only, as in
     * Redis: {@code "ſet"} (a long s, whose upper case is S) is not {@code SET}.
     */
    public static BuiltinCommand find(byte[] name) {
        if (name.length == 0 || name.length >= BY_LENGTH_AND_INITIAL.length) {
            return null;
        }
        int initial = (name[0] & ~('a' - 'A')) - 'A'; // folds a-z onto A-Z; matches() checks the rest exactly
        if (initial < 0 || initial >= 26) {
            return null;
        }
        BuiltinCommand candidate = BY_LENGTH_AND_INITIAL[name.length][initial];
        return candidate != null && candidate.matches(name) ? candidate : null;
    }

    private static BuiltinCommand[][] index() {
        int longest = 0;
        for (BuiltinCommand command : values()) {
            longest = Math.max(longest, command.upperCase.length);
        }
        BuiltinCommand[][] table = new BuiltinCommand[longest + 1][26];
        for (BuiltinCommand command : values()) {
            BuiltinCommand[] sameLength = table[command.upperCase.length];
            int initial = command.upperCase[0] - 'A';
            if (sameLength[initial] != null) {
                throw new IllegalStateException(command + " and " + sameLength[initial]
                        + " share length and initial; find() needs another probe");
            }
            sameLength[initial] = command;
        }
        return table;
    }

    private boolean matches(byte[] name) {
        if (name.length != upperCase.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            int b = name[i];
            if (b != upperCase[i] && b - ('a' - 'A') != upperCase[i]) {
                return false;
            }
        }
        return true;
    }
}
