package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.observe.ServerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ordering and closing rules of one connection, on an embedded channel with a frozen clock. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandHandlerTest {

    private final ServerMetrics metrics = new ServerMetrics(NettyServer.MODEL);
    private EmbeddedConnection connection;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        connection = new EmbeddedConnection(metrics, Duration.ZERO);
        channel = connection.channel();
    }

    @AfterEach
    void tearDown() {
        connection.close();
        metrics.close();
    }
    @Test
    void aPingPipelinedBehindASleepIsAnsweredAfterIt() {
        connection.send("SLEEP 200\r\nPING\r\n");

        assertThat(connection.written()).isEmpty();
        assertThat(channel.config().isAutoRead()).as("reading while a reply is owed").isFalse();

        connection.advanceMillis(199);
        assertThat(connection.written()).isEmpty();

        connection.advanceMillis(1);
        assertThat(connection.written()).isEqualTo("+OK\r\n+PONG\r\n");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aProtocolErrorIsAnsweredInLineThenTheConnectionCloses() {
        connection.send("SLEEP 100\r\n*1\r\n$x\r\nPING\r\n");
        connection.advanceMillis(100);

        assertThat(connection.written()).isEqualTo("+OK\r\n-ERR Protocol error: invalid bulk length\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("protocol_error=1");
    }

    @Test
    void quitAnswersThenClosesAndNothingBehindItRuns() {
        connection.send("PING\r\nQUIT\r\nPING\r\n");

        assertThat(connection.written()).isEqualTo("+PONG\r\n+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aHalfClosedClientStillGetsTheReplyItIsOwed() {
        connection.send("SLEEP 100\r\n");
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(channel.isOpen()).isTrue();

        connection.advanceMillis(100);

        assertThat(connection.written()).isEqualTo("+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anIdleTimeoutSparesAConnectionInsideASleep() {
        connection.send("SLEEP 100\r\n");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isTrue();

        connection.advanceMillis(100);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(connection.written()).isEqualTo("+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("idle_timeout=1");
    }

    @Test
    void aClosedConnectionsSleepTimerIsCancelled() {
        connection.send("SLEEP 60000\r\n");
        assertThat(channel.runScheduledPendingTasks()).as("nanos until the SLEEP's timer").isPositive();

        channel.close();

        assertThat(channel.runScheduledPendingTasks()).as("no timer left").isEqualTo(-1);
    }

    @Test
    void aDrainClosesAnIdleConnectionAtOnce() {
        connection.send("PING\r\n*1\r\n$4\r\nPI"); // answered, then the start of a request that never ends
        connection.tell(ConnectionEvent.DRAIN);

        assertThat(connection.written()).isEqualTo("+PONG\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aDrainStopsReadingAnswersWhatWasReadThenCloses() {
        connection.send("SLEEP 100\r\nPING\r\n");
        connection.tell(ConnectionEvent.DRAIN);
        connection.advanceMillis(99);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.config().isAutoRead()).isFalse();

        connection.advanceMillis(1);

        assertThat(connection.written()).isEqualTo("+OK\r\n+PONG\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.requestsInFlight()).isZero();
    }

    @Test
    void theEndOfADrainAnswersEveryOwedRequestWithShuttingDown() {
        connection.send("PING\r\nSLEEP 60000\r\nPING\r\n");
        connection.tell(ConnectionEvent.DRAIN);
        connection.tell(ConnectionEvent.DRAIN_TIMED_OUT);

        assertThat(connection.written()).isEqualTo("+PONG\r\n-ERR server shutting down\r\n-ERR server shutting down\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.requestsInFlight()).isZero();
        assertThat(channel.runScheduledPendingTasks()).as("the SLEEP's timer is cancelled").isEqualTo(-1);
    }

    @Test
    void aRequestTimeoutIsAnsweredCountedAndCloses() {
        connection.send("*1\r\n$4\r\nPI");
        connection.tell(ConnectionEvent.REQUEST_TIMED_OUT);

        assertThat(connection.written()).isEqualTo("-ERR request timeout\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.rejectedSummary()).isEqualTo("request_timeout=1");
    }

    @Test
    void aSleepAndTheRequestsHeldBehindItAreInFlightUntilAnswered() {
        connection.send("SLEEP 100\r\nPING\r\nPING\r\n");
        assertThat(metrics.requestsInFlight()).isEqualTo(3);

        connection.advanceMillis(100);

        assertThat(connection.written()).isEqualTo("+OK\r\n+PONG\r\n+PONG\r\n");
        assertThat(metrics.requestsInFlight()).isZero();
    }

    @Test
    void aRequestBehindQuitLeavesFlightUnanswered() {
        connection.send("SLEEP 100\r\nQUIT\r\nPING\r\n");
        connection.advanceMillis(100);

        assertThat(connection.written()).isEqualTo("+OK\r\n+OK\r\n");
        assertThat(metrics.requestsInFlight()).isZero();
    }

    @Test
    void aClosedConnectionsRequestsLeaveFlightOnceAndForAll() {
        connection.send("SLEEP 100\r\nPING\r\n");
        channel.close();
        assertThat(metrics.requestsInFlight()).isZero();

        connection.advanceMillis(100);
        assertThat(metrics.requestsInFlight()).as("after the SLEEP would have ended").isZero();
    }
}
