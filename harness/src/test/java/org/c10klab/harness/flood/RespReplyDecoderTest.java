package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply splitter, fed whole and byte by byte, with valid RESP and with what a broken server sends. */
class RespReplyDecoderTest {

    private static final String EVERY_TYPE = "+OK\r\n-ERR unknown command 'FOO'\r\n:42\r\n$5\r\nhello\r\n$-1\r\n"
            + "*3\r\n$1\r\na\r\n*1\r\n:2\r\n+\r\n*-1\r\n*0\r\n$0\r\n\r\n";

    @Test
    void splitsEveryReplyTypeFedWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        channel.writeInbound(bytes(EVERY_TYPE));

        assertThat(drain(channel)).containsExactly(Reply.ANSWER, new Reply.Error("ERR unknown command 'FOO'"),
                Reply.ANSWER, Reply.ANSWER, Reply.NIL, Reply.ANSWER, Reply.NIL, Reply.ANSWER, Reply.ANSWER);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void splitsTheSameRepliesFedByteByByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        List<Reply> replies = new ArrayList<>();
        for (byte b : EVERY_TYPE.getBytes(StandardCharsets.UTF_8)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            replies.addAll(drain(channel));
        }

        assertThat(replies).hasSize(9).filteredOn(reply -> reply instanceof Reply.Error).hasSize(1);
        assertThat(channel.finish()).as("nothing left over").isFalse();
    }

    @Test
    void waitsForTheRestOfABulkString() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        channel.writeInbound(bytes("$10\r\nhello"));
        assertThat(drain(channel)).isEmpty();

        channel.writeInbound(bytes("world\r\n"));
        assertThat(drain(channel)).containsExactly(Reply.ANSWER);
    }

    @Test
    void rejectsWhatIsNotResp() {
        assertMalformed("hello\r\n", "byte 0x68 where a reply starts (expected one of + - : $ *)");
        assertMalformed("$abc\r\n", "bulk length: 'abc' is not a number");
        assertMalformed("$3\r\nabcd\r\n", "bulk string of 3 bytes not followed by CRLF");
        assertMalformed("+OK\n", "line ends in a bare LF (expected: CRLF)");
        assertMalformed(":x\r\n", "integer: 'x' is not a number");
        assertMalformed("$" + (RespReplyDecoder.MAX_BULK_BYTES + 1) + "\r\n",
                "bulk length: 67108865 (expected: -1...67108864)");
        assertMalformed("*1\r\n".repeat(RespReplyDecoder.MAX_DEPTH + 1) + ":1\r\n",
                "array nesting: 33 (expected: <= 32)");
    }

    @Test
    void rejectsALineThatNeverEnds() {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        assertThatThrownBy(() -> channel.writeInbound(bytes("+" + "x".repeat(RespReplyDecoder.MAX_LINE_BYTES + 1))))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("line longer than");
    }

    private static void assertMalformed(String input, String message) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        assertThatThrownBy(() -> channel.writeInbound(bytes(input)))
                .isInstanceOf(DecoderException.class)
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage(message);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static List<Reply> drain(EmbeddedChannel channel) {
        List<Reply> replies = new ArrayList<>();
        for (Object reply = channel.readInbound(); reply != null; reply = channel.readInbound()) {
            replies.add((Reply) reply);
        }
        return replies;
    }
}
