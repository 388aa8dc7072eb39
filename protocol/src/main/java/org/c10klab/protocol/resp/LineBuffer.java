package org.c10klab.protocol.resp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of the line being read. A line that arrived whole is read where it lies in the caller's
 * buffer; only one split across reads is copied here, into an array that is dropped again when the
 * line is cleared, so a connection between lines holds none.
 */
final class LineBuffer {

    private static final byte[] NONE = new byte[0];
    private static final int INITIAL_CAPACITY = 64;

    /** The caller's buffer holding the whole line from {@link #wholeStart}; null while the line is copied. */
    private ByteBuffer whole;
    private int wholeStart;
    private byte[] copied = NONE;
    private int length;

    int length() {
        return length;
    }

    byte byteAt(int index) {
        return whole != null ? whole.get(wholeStart + index) : copied[index];
    }

    /**
     * Takes the next {@code count} bytes of {@code in} as the whole line without copying them (and
     * advances past them); they are read in {@code in} until {@link #clear}, which must come before
     * the caller reuses {@code in}. Only for an empty line.
     */
    void wrap(ByteBuffer in, int count) {
        whole = in;
        wholeStart = in.position();
        length = count;
        in.position(wholeStart + count);
    }

    /** Copies {@code count} bytes from {@code in} to the end of this line: the line continues in a later read. */
    void append(ByteBuffer in, int count) {
        if (whole != null) {
            throw new IllegalStateException("a wrapped line is complete; clear it first");
        }
        if (length + count > copied.length) {
            copied = Arrays.copyOf(copied, Math.max(Math.max(copied.length * 2, INITIAL_CAPACITY), length + count));
        }
        in.get(copied, length, count);
        length += count;
    }

    void clear() {
        length = 0;
        whole = null;
        copied = NONE;
    }

    /** The words of an inline command: runs of bytes between spaces, tabs and a trailing CR. */
    List<byte[]> splitWords() {
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        while (i < length) {
            while (i < length && isSeparator(byteAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isSeparator(byteAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(copyOfRange(start, i));
            }
        }
        return words;
    }

    private byte[] copyOfRange(int from, int to) {
        if (whole == null) {
            return Arrays.copyOfRange(copied, from, to);
        }
        byte[] word = new byte[to - from];
        whole.get(wholeStart + from, word);
        return word;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
