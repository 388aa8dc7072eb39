package org.c10klab.harness.flood;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of a workload and its share of the requests, written {@code "SET k v:weight=3"}.
 *
 * @param text   the command as typed, e.g. {@code SLEEP 100}
 * @param weight its share among all commands; at least 1
 */
public record CommandSpec(String text, int weight) {

    private static final Pattern WEIGHTED = Pattern.compile("(.*):weight=(\\d+)\\s*");

    public CommandSpec {
        if (weight < 1) {
            throw new IllegalArgumentException("weight of '" + text + "': " + weight + " (expected: >= 1)");
        }
        if (words(text).isEmpty()) {
            throw new IllegalArgumentException("empty command (expected e.g. PING or \"SLEEP 100\")");
        }
    }

    /**
     * Reads {@code "GET k"} (weight 1) or {@code "GET k:weight=9"}.
     *
     * @throws IllegalArgumentException for an empty command or a weight below 1
     */
    public static CommandSpec parse(String spec) {
        Matcher weighted = WEIGHTED.matcher(spec);
        if (weighted.matches()) {
            try {
                return new CommandSpec(weighted.group(1).trim(), Integer.parseInt(weighted.group(2)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight of '" + spec + "' is too large", e);
            }
        }
        return new CommandSpec(spec.trim(), 1);
    }

    /** The command's words; double quotes group words with spaces, as in redis-cli. */
    public List<String> words() {
        return words(text);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
