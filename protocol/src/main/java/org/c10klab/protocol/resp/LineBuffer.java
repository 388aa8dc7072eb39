package org.c10klab.protocol.resp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The bytes of one incomplete line, held between reads; shrinks back after a long line. */
final class LineBuffer {

    private static final int INITIAL_CAPACITY = 64;
    /** Above this a cleared buffer is dropped, so an idle connection holds no large array. */
    private static final int RETAINED_CAPACITY = 4096;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;

    int length() {
        return length;
    }

    byte byteAt(int index) {
        return bytes[index];
    }

    /** Moves {@code count} bytes from {@code in} to the end of this line. */
    void append(ByteBuffer in, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        in.get(bytes, length, count);
        length += count;
    }

    void clear() {
        length = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
    }

    /** The words of an inline command: runs of bytes between spaces, tabs and a trailing CR. */
    List<byte[]> splitWords() {
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        while (i < length) {
            while (i < length && isSeparator(bytes[i])) {
                i++;
            }
            int start = i;
            while (i < length && !isSeparator(bytes[i])) {
                i++;
            }
            if (i > start) {
                words.add(Arrays.copyOfRange(bytes, start, i));
            }
        }
        return words;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
