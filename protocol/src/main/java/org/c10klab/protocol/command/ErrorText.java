package org.c10klab.protocol.command;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Client input made fit to quote in a one-line error reply, the way Redis quotes it. */
final class ErrorText {

    /** Redis quotes at most this many bytes of a client's word ({@code '%.128s'}), so a huge name cannot make a huge error. */
    static final int MAX_QUOTED_BYTES = 128;

    private ErrorText() {
    }

    /**
     * The first {@link #MAX_QUOTED_BYTES} bytes of {@code word} as text: valid UTF-8 as it is, any
     * other byte (also half a character cut at the limit) as {@code \xNN} rather than U+FFFD, and CR
     * and LF as spaces.
     */
    static String quote(byte[] word) {
        ByteBuffer in = ByteBuffer.wrap(word, 0, Math.min(word.length, MAX_QUOTED_BYTES));
        CharBuffer out = CharBuffer.allocate(MAX_QUOTED_BYTES);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder text = new StringBuilder();
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            text.append(out.flip());
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (result.isUnderflow()) {
                return oneLine(text.toString());
            }
        }
    }

    /** {@code text} on one line: CR and LF would end the reply early, so they become spaces (as Redis does). */
    static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
