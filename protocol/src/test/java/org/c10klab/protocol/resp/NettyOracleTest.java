package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.assertNothingLeftOver;
import static org.c10klab.protocol.ProtocolTestUtil.byteByByte;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;
import static org.c10klab.protocol.ProtocolTestUtil.decodeChunks;
import static org.c10klab.protocol.ProtocolTestUtil.nettyDecode;
import static org.c10klab.protocol.ProtocolTestUtil.nettyEncodeRequest;
import static org.c10klab.protocol.ProtocolTestUtil.whole;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.stream.Stream;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.c10klab.protocol.command.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Netty's own {@code netty-codec-redis}, in an {@code EmbeddedChannel}, agrees with our encoder and decoder. */
class NettyOracleTest {

    static Stream<RespValue> replies() {
        return Stream.of(
                SimpleString.OK,
                SimpleString.PONG,
                new SimpleString(""),
                new SimpleString("caf\u00e9 \ud83d\ude00"),
                ErrorReply.err("unknown command 'x'"),
                new ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value"),
                new IntegerReply(0),
                new IntegerReply(-1),
                new IntegerReply(Long.MAX_VALUE),
                new IntegerReply(Long.MIN_VALUE),
                BulkString.NULL,
                BulkString.EMPTY,
                BulkString.of("hello"),
                new BulkString(new byte[] {'\r', '\n', 0, (byte) 0xff, '$', '-', '1', '\r', '\n'}),
                RespArray.EMPTY,
                new RespArray(null),
                RespArray.of(BulkString.of("save"), BulkString.EMPTY),
                RespArray.of(RespArray.of(new IntegerReply(1), RespArray.EMPTY), BulkString.NULL, new RespArray(null),
                        RespArray.of(RespArray.of(SimpleString.OK))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void nettyReadsWhatOurEncoderWritesAsTheSameMessage(RespValue reply) {
        byte[] wire = RespEncoder.encode(reply);
        assertThat(nettyDecode(whole(wire))).containsExactly(reply);
        assertThat(nettyDecode(byteByByte(wire))).containsExactly(reply);
    }

    @Test
    void nettyReadsEveryExecutorReplyInOnePipelinedStream() {
        CommandExecutor executor = ProtocolTestUtil.executor(ProtocolLimits.DEFAULTS);
        List<RespCommand> commands = List.of(RespCommand.of("PING"), RespCommand.of("PING", "m"),
                RespCommand.of("SET", "k", "v"), RespCommand.of("GET", "k"), RespCommand.of("GET", "none"),
                RespCommand.of("DEL", "k", "x"), RespCommand.of("SLEEP", "5"), RespCommand.of("WORK", "5"),
                RespCommand.of("INFO"), RespCommand.of("QUIT"), RespCommand.of("COMMAND"),
                RespCommand.of("CONFIG", "GET", "save"), RespCommand.of("CONFIG", "GET", "appendonly"),
                RespCommand.of("nope"), RespCommand.of("GET"), RespCommand.of("SLEEP", "-1"));
        List<RespValue> replies = commands.stream().map(c -> executor.execute(c).value()).toList();
        byte[] wire = ProtocolTestUtil.concat(replies.stream().map(RespEncoder::encode).toList());
        assertThat(nettyDecode(whole(wire))).isEqualTo(replies);
    }

    static Stream<RespCommand> requests() {
        return Stream.of(
                RespCommand.of("PING"),
                RespCommand.of("SET", "key", "value"),
                RespCommand.of("ECHO", ""),
                RespCommand.of("CONFIG", "GET", "appendonly"),
                new RespCommand(List.of(bytes("ECHO"), new byte[] {'\r', '\n', '*', '1', '\r', '\n', 0, (byte) 0x80})),
                RespCommand.of("DEL", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void ourDecoderReadsWhatNettysEncoderWritesAsTheSameCommand(RespCommand command) {
        byte[] wire = nettyEncodeRequest(command);
        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        assertThat(decodeChunks(decoder, whole(wire))).containsExactly(command);
        assertThat(decodeChunks(decoder, byteByByte(wire))).containsExactly(command);
        assertNothingLeftOver(decoder);
    }

    @Test
    void inlineCommandsReadAsTheSameLineNettyReads() {
        String line = "SET key value";
        EmbeddedChannel channel = ProtocolTestUtil.nettyReplyDecoder();
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes(line + "\r\n")));
            RedisMessage message = channel.readInbound();
            try {
                assertThat(message).isInstanceOf(InlineCommandRedisMessage.class);
                assertThat(((InlineCommandRedisMessage) message).content()).isEqualTo(line);
            } finally {
                ReferenceCountUtil.release(message);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(decodeChunks(whole(bytes(line + "\r\n")))).containsExactly(RespCommand.of(line.split(" ")));
    }
}
