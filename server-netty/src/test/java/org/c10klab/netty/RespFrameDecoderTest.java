package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.resp.ClientBufferBudgetException;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The decoder handler: framing in wire order, errors in line, and evictions by the client buffer budget. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RespFrameDecoderTest {

    private final ClientBufferBudget budget = new ClientBufferBudget(256 * 1024);
    private final EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder(ProtocolLimits.DEFAULTS, budget));

    @Test
    void decodesACommandFedOneByteAtATimeAndKeepsNothingBack() {
        byte[] request = NettyTestUtil.command("SET", "key", "value").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < request.length - 1; i++) {
            assertThat(channel.writeInbound(Unpooled.wrappedBuffer(request, i, 1))).isFalse();
        }
        assertThat(channel.writeInbound(Unpooled.wrappedBuffer(request, request.length - 1, 1))).isTrue();

        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("SET", "key", "value"));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesEveryPipelinedCommandOfOneReadInOrder() {
        ByteBuf pipeline = ascii(NettyTestUtil.command("SLEEP", "200") + "PING\r\n" + NettyTestUtil.command("ECHO", "x"));

        channel.writeInbound(pipeline);

        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("SLEEP", "200"));
        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("PING"));
        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("ECHO", "x"));
        assertThat(pipeline.refCnt()).isZero();
    }

    @Test
    void aMalformedRequestTakesItsPlaceInLineAndEverythingAfterItIsDiscarded() {
        channel.writeInbound(ascii("PING\r\n*1\r\n$x\r\nPING\r\n"));
        channel.writeInbound(ascii("PING\r\n"));

        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("PING"));
        ProtocolException error = channel.readInbound();
        assertThat(error.toReply().message()).startsWith("ERR Protocol error: invalid bulk length");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void anEvictionByAnotherConnectionsGrowthIsEmittedOnThisChannelsLoopAndFreesItsBytes() {
        channel.writeInbound(ascii("PING\r\n*1\r\n$1048576\r\n"), Unpooled.wrappedBuffer(new byte[200 * 1024]));
        assertThat((RespCommand) channel.readInbound()).isEqualTo(RespCommand.of("PING"));
        EmbeddedChannel other = new EmbeddedChannel(new RespFrameDecoder(ProtocolLimits.DEFAULTS, budget));
        try {
            other.writeInbound(ascii("*1\r\n$102400\r\n"), Unpooled.wrappedBuffer(new byte[100 * 1024]));
            assertThat(budget.reservedBytes()).as("this channel's 200 KiB given back at once").isEqualTo(100 * 1024);

            channel.runPendingTasks();

            ClientBufferBudgetException evicted = channel.readInbound();
            assertThat(evicted.toReply().message()).startsWith("ERR client buffer budget exceeded")
                    .contains("(" + 200 * 1024 + " bytes)");
            channel.writeInbound(ascii("PING\r\n"));
            assertThat((Object) channel.readInbound()).as("nothing decoded after the eviction").isNull();
            other.writeInbound(ascii("\r\n"));
            assertThat((RespCommand) other.readInbound()).as("the other connection's frame completes")
                    .isEqualTo(new RespCommand(List.of(new byte[100 * 1024])));
        } finally {
            other.finishAndReleaseAll();
        }
    }

    @Test
    void closingTheChannelGivesItsReservationBack() {
        channel.writeInbound(ascii("*1\r\n$1048576\r\n"));
        assertThat(budget.reservedBytes()).isPositive();

        channel.close();

        assertThat(budget.reservedBytes()).isZero();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
