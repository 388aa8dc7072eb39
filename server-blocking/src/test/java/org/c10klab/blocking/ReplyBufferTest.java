package org.c10klab.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ReplyBuffer} writes a pipeline's replies at once, a lone reply straight through, and a huge one on its own. */
class ReplyBufferTest {

    private final List<String> writes = new ArrayList<>();
    private final ReplyBuffer replies = new ReplyBuffer(new RecordingStream());

    @Test
    void aLoneReplyIsWrittenAtOnce() throws Exception {
        replies.write(bytes("+PONG\r\n"), true);
        assertThat(writes).containsExactly("+PONG\r\n");
    }

    @Test
    void repliesBeforeTheLastOfTheirReadLeaveWithItInOneWrite() throws Exception {
        replies.write(bytes("+OK\r\n"), false);
        replies.write(bytes(":1\r\n"), false);
        assertThat(writes).as("nothing yet: more requests of this read are being answered").isEmpty();
        replies.write(bytes("+PONG\r\n"), true);
        assertThat(writes).containsExactly("+OK\r\n:1\r\n+PONG\r\n");
    }

    @Test
    void flushSendsWhatIsBufferedAndNothingWhenEmpty() throws Exception {
        replies.flush();
        replies.write(bytes("+OK\r\n"), false);
        replies.flush();
        replies.flush();
        assertThat(writes).containsExactly("+OK\r\n");
    }

    @Test
    void aPipelineLargerThanTheFirstBufferStillLeavesInOneWrite() throws Exception {
        String reply = "$100\r\n" + "x".repeat(100) + "\r\n";
        int count = 3 * ReplyBuffer.INITIAL_BYTES / reply.length();
        for (int i = 0; i < count; i++) {
            replies.write(bytes(reply), i == count - 1);
        }
        assertThat(writes).containsExactly(reply.repeat(count));
        replies.write(bytes("+PONG\r\n"), true);
        assertThat(writes).as("after the burst, a lone reply as before").endsWith("+PONG\r\n").hasSize(2);
    }

    @Test
    void aReplyLargerThanTheBufferLeavesOnItsOwnAfterTheOnesBeforeIt() throws Exception {
        byte[] large = new byte[ReplyBuffer.MAX_BYTES + 1];
        Arrays.fill(large, (byte) 'x');
        replies.write(bytes("+OK\r\n"), false);
        replies.write(large, false);
        replies.write(bytes(":2\r\n"), true);
        assertThat(writes).containsExactly("+OK\r\n", new String(large, StandardCharsets.US_ASCII), ":2\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Records each write call as the text it wrote. */
    private final class RecordingStream extends OutputStream {

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.write(b, off, len);
            writes.add(copy.toString(StandardCharsets.US_ASCII));
        }
    }
}
