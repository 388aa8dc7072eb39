package org.c10klab.harness.flood;

import java.nio.charset.StandardCharsets;

/** Turns a payload typed on a command line, e.g. {@code hello\n}, into the bytes it stands for. */
public final class PayloadText {

    private PayloadText() {
    }

    /**
     * Decodes the escapes {@code \n}, {@code \r}, {@code \t} and {@code \\}; other text is UTF-8.
     *
     * @throws IllegalArgumentException for an unknown escape or a trailing backslash
     */
    public static byte[] decode(String text) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            if (i + 1 == text.length()) {
                throw new IllegalArgumentException(
                        "payload '" + text + "' ends in a lone backslash (expected e.g. \\n)");
            }
            char escaped = text.charAt(++i);
            plain.append(switch (escaped) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException(
                        "payload '" + text + "': unknown escape \\" + escaped + " (expected: \\n \\r \\t \\\\)");
            });
        }
        return plain.toString().getBytes(StandardCharsets.UTF_8);
    }
}
