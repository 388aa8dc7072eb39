package org.c10klab.protocol.resp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c10klab.protocol.ProtocolLimits;

/**
 * Decodes requests (RESP arrays of bulk strings, or inline lines such as {@code PING\r\n}) from
 * bytes fed in chunks of any size. One instance per connection; not thread-safe.
 *
 * <p>{@link #decode} consumes bytes until one command is complete and returns it, or returns null
 * once the buffer is exhausted; partial state is kept here, so callers never re-feed bytes. Every
 * length is checked against {@link ProtocolLimits} before anything is allocated for it, and a bulk
 * string's buffer grows with the bytes that actually arrive, not with the length its header
 * declares. What a partial command holds is reserved in the connection's
 * {@link ClientBufferAccount} first, and lives there, in a {@link PartialCommand}, so that an
 * eviction frees it at once. After a {@link ProtocolException} or a
 * {@link ClientBufferBudgetException} the decoder is back in its initial state.
 */
public final class RespRequestDecoder {

    private enum State { TYPE, INLINE, ARRAY_LENGTH, BULK_TYPE, BULK_LENGTH, BULK_CONTENT, BULK_CRLF }

    /** A length line holds a sign and at most 19 digits before its CRLF. */
    private static final int MAX_LENGTH_LINE = 20;
    /**
     * A bulk string's first buffer holds at most this much more than what has arrived, so a header
     * alone ({@code *1\r\n$1048576\r\n}, 14 bytes) cannot make the server set aside a megabyte,
     * only this; it doubles from there as bytes come.
     */
    static final int INITIAL_BULK_CAPACITY = 4 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final ProtocolLimits limits;
    private final ClientBufferAccount account;
    /** The account's partial command during a {@link #decode} call; null between calls, so only the account holds it then. */
    private PartialCommand partial;
    private State state = State.TYPE;
    private int argumentsLeft;
    /** Of the bulk string being read: how much has arrived, and its declared length. */
    private int bulkFilled;
    private int bulkLength;
    private int crlfSeen;

    /** A decoder whose buffers no server budget governs. */
    public RespRequestDecoder(ProtocolLimits limits) {
        this(limits, ClientBufferAccount.unbudgeted());
    }

    /**
     * @param account where this connection's partial command reserves its bytes; the caller closes it
     */
    public RespRequestDecoder(ProtocolLimits limits, ClientBufferAccount account) {
        this.limits = limits;
        this.account = account;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) until a command is complete.
     *
     * @return the command, or null when {@code in} ran out first (feed more bytes later)
     * @throws ProtocolException          when the bytes are not a valid request
     * @throws ClientBufferBudgetException when the server's budget evicted this connection
     */
    public RespCommand decode(ByteBuffer in) {
        partial = account.partialCommand();
        try {
            if (partial == null) {
                throw account.evictedError();
            }
            while (in.hasRemaining()) {
                RespCommand command = switch (state) {
                    case TYPE -> decodeType(in);
                    case INLINE -> decodeInline(in);
                    case ARRAY_LENGTH -> decodeArrayLength(in);
                    case BULK_TYPE -> decodeBulkType(in);
                    case BULK_LENGTH -> decodeBulkLength(in);
                    case BULK_CONTENT -> decodeBulkContent(in);
                    case BULK_CRLF -> decodeBulkCrlf(in);
                };
                if (command != null) {
                    return command;
                }
            }
            if (state == State.TYPE) {
                account.release(); // idle between commands, e.g. after blank lines or *0
            }
            return null;
        } catch (ProtocolException | ClientBufferBudgetException e) {
            reset();
            throw e;
        } finally {
            partial = null;
        }
    }

    /**
     * True while a request has begun and is not complete: its first bytes are consumed, the rest not
     * yet fed. Servers time such a request out; between requests the connection is merely idle.
     */
    public boolean hasPartialRequest() {
        return state != State.TYPE;
    }

    /**
     * Throws if the budget evicted this connection while its thread waited for bytes (the eviction
     * woke it), forgetting the partial command.
     *
     * @throws ClientBufferBudgetException when evicted
     */
    public void requireNotEvicted() {
        if (account.partialCommand() == null) {
            reset();
            throw account.evictedError();
        }
    }

    /** Forgets any partial command and releases its buffers and their reservation. */
    public void reset() {
        PartialCommand current = account.partialCommand();
        if (current != null) {
            current.clear();
        }
        state = State.TYPE;
        bulkFilled = 0;
        bulkLength = 0;
        crlfSeen = 0;
        argumentsLeft = 0;
        account.release();
    }

    private RespCommand decodeType(ByteBuffer in) {
        if (in.get(in.position()) == RespType.ARRAY.prefix()) {
            in.get();
            state = State.ARRAY_LENGTH;
        } else {
            state = State.INLINE;
        }
        return null;
    }

    private RespCommand decodeInline(ByteBuffer in) {
        if (!readLine(in, limits.maxInlineBytes(), "inline request length")) {
            return null;
        }
        List<byte[]> words = partial.line.splitWords();
        partial.line.clear();
        state = State.TYPE;
        commandComplete(in);
        if (words.size() > limits.maxArguments()) {
            throw new ProtocolException(ProtocolLimits.exceeded("arguments", words.size(), limits.maxArguments()));
        }
        // An empty line is a keep-alive from telnet or nc, not a command.
        return words.isEmpty() ? null : new RespCommand(words);
    }

    private RespCommand decodeArrayLength(ByteBuffer in) {
        if (!readLine(in, MAX_LENGTH_LINE, "multibulk length line")) {
            return null;
        }
        long count = parseLength("invalid multibulk length");
        if (count > limits.maxArguments()) {
            throw new ProtocolException(ProtocolLimits.exceeded("arguments", count, limits.maxArguments()));
        }
        if (count == 0) {
            // "*0\r\n" is an empty request; Redis ignores it too.
            state = State.TYPE;
            return null;
        }
        argumentsLeft = (int) count;
        partial.arguments = new ArrayList<>(argumentsLeft);
        state = State.BULK_TYPE;
        return null;
    }

    private RespCommand decodeBulkType(ByteBuffer in) {
        byte prefix = in.get();
        if (prefix != RespType.BULK_STRING.prefix()) {
            throw new ProtocolException("expected '$', got '" + printable(prefix) + "'");
        }
        state = State.BULK_LENGTH;
        return null;
    }

    private RespCommand decodeBulkLength(ByteBuffer in) {
        if (!readLine(in, MAX_LENGTH_LINE, "bulk length line")) {
            return null;
        }
        long length = parseLength("invalid bulk length");
        if (length > limits.maxBulkBytes()) {
            throw new ProtocolException(ProtocolLimits.exceeded("bulk length", length, limits.maxBulkBytes()));
        }
        bulkLength = (int) length;
        bulkFilled = 0;
        // What has arrived may be the whole bulk string: then one buffer of its exact length.
        growBulk((int) Math.min(length, Math.max(INITIAL_BULK_CAPACITY, in.remaining())));
        state = length == 0 ? State.BULK_CRLF : State.BULK_CONTENT;
        return null;
    }

    private RespCommand decodeBulkContent(ByteBuffer in) {
        if (bulkFilled == partial.bulk.length) {
            growBulk((int) Math.min(bulkLength, Math.max(2L * partial.bulk.length, (long) bulkFilled + in.remaining())));
        }
        byte[] bulk = partial.bulk;
        int n = Math.min(in.remaining(), bulk.length - bulkFilled);
        in.get(bulk, bulkFilled, n);
        bulkFilled += n;
        if (bulkFilled == bulkLength) {
            state = State.BULK_CRLF;
            crlfSeen = 0;
        }
        return null;
    }

    private RespCommand decodeBulkCrlf(ByteBuffer in) {
        while (crlfSeen < 2 && in.hasRemaining()) {
            byte expected = crlfSeen == 0 ? CR : LF;
            byte actual = in.get();
            if (actual != expected) {
                throw new ProtocolException("expected CRLF after bulk string, got '" + printable(actual) + "'");
            }
            crlfSeen++;
        }
        if (crlfSeen < 2) {
            return null;
        }
        crlfSeen = 0;
        partial.arguments.add(partial.bulk);
        partial.argumentBytes += partial.bulk.length;
        partial.bulk = null;
        if (--argumentsLeft > 0) {
            state = State.BULK_TYPE;
            return null;
        }
        RespCommand command = new RespCommand(partial.arguments);
        partial.clear();
        state = State.TYPE;
        commandComplete(in);
        return command;
    }

    /** Resizes the bulk buffer to {@code capacity} bytes, once the budget has room for them. */
    private void growBulk(int capacity) {
        account.hold(partial.argumentBytes + capacity);
        partial.bulk = partial.bulk == null ? new byte[capacity] : Arrays.copyOf(partial.bulk, capacity);
    }

    /**
     * The command is handed over, so the decoder holds nothing: the reservation goes back, unless it
     * is a small one and more commands of the same pipeline follow in {@code in} (they reserve once).
     */
    private void commandComplete(ByteBuffer in) {
        if (!in.hasRemaining() || account.reservedBytes() > ClientBufferAccount.GRANULE_BYTES) {
            account.release();
        }
    }

    /**
     * Consumes bytes up to and including the next LF as the partial command's line (without the LF).
     *
     * @param maxLength the most bytes the line may hold before its line end; a CR that ends the
     *                  line (or may yet be followed by the LF) does not count
     * @return true when the line is complete
     */
    private boolean readLine(ByteBuffer in, int maxLength, String what) {
        int start = in.position();
        int end = in.limit();
        int lf = -1;
        for (int i = start; i < end && lf < 0; i++) {
            if (in.get(i) == LF) {
                lf = i;
            }
        }
        int count = (lf < 0 ? end : lf) - start;
        requireWithin(in, count, maxLength, what);
        if (lf >= 0 && partial.line.length() == 0) {
            partial.line.wrap(in, count); // arrived whole: read where it lies, nothing to hold
        } else {
            account.hold(partial.argumentBytes + partial.line.length() + count);
            partial.line.append(in, count);
        }
        if (lf < 0) {
            return false;
        }
        in.get(); // the LF itself
        return true;
    }

    /** Throws when the line plus {@code count} more bytes from {@code in} is longer than {@code maxLength}. */
    private void requireWithin(ByteBuffer in, int count, int maxLength, String what) {
        long total = (long) partial.line.length() + count;
        if (total <= maxLength) {
            return;
        }
        byte last = count > 0 ? in.get(in.position() + count - 1) : partial.line.byteAt(partial.line.length() - 1);
        long content = last == CR ? total - 1 : total;
        if (content > maxLength) {
            throw new ProtocolException(ProtocolLimits.exceeded(what, content, maxLength));
        }
    }

    /** Parses the CR-terminated decimal in the partial command's line; clears the line. */
    private long parseLength(String invalid) {
        try {
            LineBuffer line = partial.line;
            int length = line.length();
            if (length == 0 || line.byteAt(length - 1) != CR) {
                throw new ProtocolException(invalid + " (expected CRLF after the length)");
            }
            if (length == 1) {
                throw new ProtocolException(invalid);
            }
            long value = 0;
            for (int i = 0; i < length - 1; i++) {
                byte digit = line.byteAt(i);
                if (digit < '0' || digit > '9') {
                    // Negative lengths ("$-1") are valid in replies, never in requests.
                    throw new ProtocolException(invalid);
                }
                if (value > (Long.MAX_VALUE - (digit - '0')) / 10) {
                    // 20 digits can wrap a long into a small or negative length.
                    throw new ProtocolException(invalid);
                }
                value = value * 10 + (digit - '0');
            }
            return value;
        } finally {
            partial.line.clear();
        }
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
