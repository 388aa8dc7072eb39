package org.c10klab.harness.flood;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespEncoder;

/**
 * One command with {@code __key__} or {@code __value__} placeholders, encoded ahead as far as it can be: the
 * words without a placeholder are RESP bytes already, and a request costs the digits of its key
 * and a copy of its value's bytes, with no strings built.
 */
final class RequestTemplate {

    private static final byte[] CRLF = {'\r', '\n'};
    /** A bulk header's bytes at most: {@code $}, up to ten digits, CRLF; with the trailing CRLF of the word. */
    private static final int WORD_FRAMING_BYTES = 1 + 10 + 2 + 2;

    /** Pre-encoded bytes ({@code byte[]}) and words with placeholders ({@link Word}), in request order. */
    private final List<Object> pieces;
    private final int keyWidth;
    private final byte[] valueBytes;
    private final int fixedBytes;
    private final int valuesPerRequest;
    private final boolean usesKey;

    /**
     * A word with placeholders: {@code literals[0] holes[0] literals[1] ... literals[n]}.
     *
     * @param literalBytes the literals' bytes together
     */
    private record Word(byte[][] literals, String[] holes, int literalBytes) {
    }

    /**
     * @param keyWidth   the digits of every key
     * @param valueBytes the bytes every value is cut from, as long as the largest value
     */
    RequestTemplate(List<String> words, int keyWidth, byte[] valueBytes) {
        this.keyWidth = keyWidth;
        this.valueBytes = valueBytes;
        List<Object> compiled = new ArrayList<>();
        ByteArrayOutputStream constant = new ByteArrayOutputStream();
        constant.writeBytes(("*" + words.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int fixed = 0;
        int values = 0;
        boolean key = false;
        for (String word : words) {
            if (!hasPlaceholder(word)) {
                constant.writeBytes(RespEncoder.encode(new BulkString(word.getBytes(StandardCharsets.UTF_8))));
                continue;
            }
            if (constant.size() > 0) {
                compiled.add(constant.toByteArray());
                fixed += constant.size();
                constant.reset();
            }
            Word split = split(word);
            compiled.add(split);
            fixed += WORD_FRAMING_BYTES + split.literalBytes();
            for (String hole : split.holes()) {
                key |= hole.equals(KeysAndValues.KEY);
                values += hole.equals(KeysAndValues.VALUE) ? 1 : 0;
                fixed += hole.equals(KeysAndValues.KEY) ? keyWidth : 0;
            }
        }
        if (constant.size() > 0) {
            compiled.add(constant.toByteArray());
            fixed += constant.size();
        }
        this.pieces = List.copyOf(compiled);
        this.fixedBytes = fixed;
        this.valuesPerRequest = values;
        this.usesKey = key;
    }

    /** True when some word of {@code words} holds a placeholder, so no request can be encoded once for all. */
    static boolean hasPlaceholder(List<String> words) {
        return words.stream().anyMatch(RequestTemplate::hasPlaceholder);
    }

    static boolean hasPlaceholder(String word) {
        return word.contains(KeysAndValues.KEY) || word.contains(KeysAndValues.VALUE);
    }

    /** True when a request needs a key drawn. */
    boolean usesKey() {
        return usesKey;
    }

    /** True when a request needs a value size drawn. */
    boolean usesValue() {
        return valuesPerRequest > 0;
    }

    /** Appends the request for {@code key} with values of {@code valueLength} bytes to {@code out}. */
    void encode(int key, int valueLength, ByteBuf out) {
        out.ensureWritable(fixedBytes + valuesPerRequest * valueLength);
        for (Object piece : pieces) {
            if (piece instanceof byte[] bytes) {
                out.writeBytes(bytes);
                continue;
            }
            Word word = (Word) piece;
            long length = word.literalBytes();
            for (String hole : word.holes()) {
                length += hole.equals(KeysAndValues.KEY) ? keyWidth : valueLength;
            }
            out.writeByte('$');
            writeDigits(out, length, Long.toString(length).length());
            out.writeBytes(CRLF);
            for (int i = 0; i < word.holes().length; i++) {
                out.writeBytes(word.literals()[i]);
                if (word.holes()[i].equals(KeysAndValues.KEY)) {
                    writeDigits(out, key, keyWidth);
                } else {
                    out.writeBytes(valueBytes, 0, valueLength);
                }
            }
            out.writeBytes(word.literals()[word.holes().length]);
            out.writeBytes(CRLF);
        }
    }

    /** Writes {@code number} in decimal, zero-padded to {@code width} digits, without building a string. */
    private static void writeDigits(ByteBuf out, long number, int width) {
        int start = out.writerIndex();
        out.writeZero(width);
        long rest = number;
        for (int i = start + width - 1; i >= start; i--) {
            out.setByte(i, '0' + (int) (rest % 10));
            rest /= 10;
        }
    }

    private static Word split(String word) {
        List<byte[]> literals = new ArrayList<>();
        List<String> holes = new ArrayList<>();
        int literalBytes = 0;
        int from = 0;
        while (true) {
            int key = word.indexOf(KeysAndValues.KEY, from);
            int value = word.indexOf(KeysAndValues.VALUE, from);
            int at = key < 0 ? value : value < 0 ? key : Math.min(key, value);
            byte[] literal = word.substring(from, at < 0 ? word.length() : at).getBytes(StandardCharsets.UTF_8);
            literals.add(literal);
            literalBytes += literal.length;
            if (at < 0) {
                return new Word(literals.toArray(byte[][]::new), holes.toArray(String[]::new), literalBytes);
            }
            String hole = at == key ? KeysAndValues.KEY : KeysAndValues.VALUE;
            holes.add(hole);
            from = at + hole.length();
        }
    }
}
