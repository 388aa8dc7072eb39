package org.c10klab.protocol.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One decoded request: the command name and its arguments, as raw bytes. */
public final class RespCommand {

    private final List<byte[]> arguments;

    /**
     * @param arguments the command name first, then its arguments; never empty. Taken over, not
     *                  copied (a copy per request showed in profiles): the caller must not change it later.
     */
    public RespCommand(List<byte[]> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command has at least a name");
        }
        this.arguments = arguments;
    }

    /** A command built from text, e.g. {@code RespCommand.of("SET", "k", "v")}. */
    public static RespCommand of(String... words) {
        List<byte[]> args = new ArrayList<>(words.length);
        for (String word : words) {
            args.add(word.getBytes(StandardCharsets.UTF_8));
        }
        return new RespCommand(args);
    }

    /**
     * The command name in upper case, for case-insensitive dispatch. Only ASCII letters change case,
     * as in Redis: {@code "ſet"} must not become {@code SET}.
     */
    public String name() {
        byte[] name = arguments.get(0).clone();
        for (int i = 0; i < name.length; i++) {
            if (name[i] >= 'a' && name[i] <= 'z') {
                name[i] -= 'a' - 'A';
            }
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The number of words, the name included (Redis's "arity"). */
    public int arity() {
        return arguments.size();
    }

    /** The word at {@code index}; 0 is the name. */
    public byte[] argument(int index) {
        return arguments.get(index);
    }

    /** The word at {@code index} as UTF-8 text. */
    public String text(int index) {
        return new String(arguments.get(index), StandardCharsets.UTF_8);
    }

    /** Every word, the name included, as UTF-8 text. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            texts.add(text(i));
        }
        return texts;
    }

    /** Every word as raw bytes, read-only. */
    public List<byte[]> arguments() {
        return Collections.unmodifiableList(arguments);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RespCommand that) || that.arguments.size() != arguments.size()) {
            return false;
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (!Arrays.equals(arguments.get(i), that.arguments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (byte[] argument : arguments) {
            hash = 31 * hash + Arrays.hashCode(argument);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RespCommand" + texts();
    }
}
