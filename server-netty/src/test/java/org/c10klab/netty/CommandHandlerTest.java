package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.store.LruStore;
import org.c10klab.server.log.AccessLog;
import org.c10klab.server.observe.ServerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ordering and closing rules of one connection, on an embedded channel with a frozen clock. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandHandlerTest {

    private final ServerMetrics metrics = new ServerMetrics(NettyServer.MODEL);
    private final PendingReplies pending = new PendingReplies();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        CommandExecutor executor = new CommandExecutor(new LruStore(100, 10_000), ProtocolLimits.DEFAULTS, Map::of);
        channel = new EmbeddedChannel(new RespFrameDecoder(ProtocolLimits.DEFAULTS, new ClientBufferBudget(0)),
                new RespReplyEncoder(),
                new CommandHandler(executor, metrics, AccessLog.OFF, new EventLoopWaits(false, null), pending));
        channel.freezeTime();
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    @Test
    void aPingPipelinedBehindASleepIsAnsweredAfterIt() {
        send("SLEEP 200\r\nPING\r\n");

        assertThat(written()).isEmpty();
        assertThat(channel.config().isAutoRead()).as("reading while a reply is owed").isFalse();

        advanceMillis(199);
        assertThat(written()).isEmpty();

        advanceMillis(1);
        assertThat(written()).isEqualTo("+OK\r\n+PONG\r\n");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aProtocolErrorIsAnsweredInLineThenTheConnectionCloses() {
        send("SLEEP 100\r\n*1\r\n$x\r\nPING\r\n");
        advanceMillis(100);

        assertThat(written()).isEqualTo("+OK\r\n-ERR Protocol error: invalid bulk length\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("protocol_error=1");
    }

    @Test
    void quitAnswersThenClosesAndNothingBehindItRuns() {
        send("PING\r\nQUIT\r\nPING\r\n");

        assertThat(written()).isEqualTo("+PONG\r\n+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aHalfClosedClientStillGetsTheReplyItIsOwed() {
        send("SLEEP 100\r\n");
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(channel.isOpen()).isTrue();

        advanceMillis(100);

        assertThat(written()).isEqualTo("+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anIdleTimeoutSparesAConnectionInsideASleep() {
        send("SLEEP 100\r\n");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();

        advanceMillis(100);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(written()).isEqualTo("+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("idle_timeout=1");
    }

    @Test
    void aReplyOwedAfterAWaitIsCountedUntilWritten() throws InterruptedException {
        send("SLEEP 50\r\n");
        assertThat(pending.awaitNone(Duration.ZERO)).isFalse();

        advanceMillis(50);

        assertThat(pending.awaitNone(Duration.ZERO)).isTrue();
    }

    @Test
    void aSleepAndTheRequestsHeldBehindItAreInFlightUntilAnswered() {
        send("SLEEP 100\r\nPING\r\nPING\r\n");
        assertThat(metrics.requestsInFlight()).isEqualTo(3);

        advanceMillis(100);

        assertThat(written()).isEqualTo("+OK\r\n+PONG\r\n+PONG\r\n");
        assertThat(metrics.requestsInFlight()).isZero();
    }

    @Test
    void aRequestBehindQuitLeavesFlightUnanswered() {
        send("SLEEP 100\r\nQUIT\r\nPING\r\n");
        advanceMillis(100);

        assertThat(written()).isEqualTo("+OK\r\n+OK\r\n");
        assertThat(metrics.requestsInFlight()).isZero();
    }

    @Test
    void aClosedConnectionsRequestsLeaveFlightOnceAndForAll() {
        send("SLEEP 100\r\nPING\r\n");
        channel.close();
        assertThat(metrics.requestsInFlight()).isZero();

        advanceMillis(100);
        assertThat(metrics.requestsInFlight()).as("after the orphaned SLEEP's timer fired").isZero();
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    private void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private String written() {
        StringBuilder text = new StringBuilder();
        ByteBuf chunk;
        while ((chunk = channel.readOutbound()) != null) {
            text.append(chunk.toString(StandardCharsets.US_ASCII));
            chunk.release();
        }
        return text.toString();
    }
}
