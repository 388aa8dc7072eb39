package org.c10klab.protocol.resp;

import java.util.List;

/**
 * The bytes of the command a decoder is in the middle of: the line being read, the complete
 * arguments and the bulk string being read. Its {@link ClientBufferAccount} holds it, not the
 * decoder, so an eviction from any thread makes it garbage at once, however busy the connection's
 * own thread is.
 */
final class PartialCommand {

    /** The line being read: an inline command or a length line. */
    final LineBuffer line = new LineBuffer();
    /** The complete arguments so far; null between commands. */
    List<byte[]> arguments;
    /** Their bytes. */
    long argumentBytes;
    /** The buffer of the bulk string being read; null between bulk strings. */
    byte[] bulk;

    void clear() {
        line.clear();
        arguments = null;
        argumentBytes = 0;
        bulk = null;
    }
}
