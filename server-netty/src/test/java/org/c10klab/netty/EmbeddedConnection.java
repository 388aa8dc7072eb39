package org.c10klab.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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

/**
 * One connection's real pipeline ({@link NettyServerInitializer}) on an embedded channel with a
 * frozen clock: tests send bytes, move time on, and read what the server wrote.
 */
final class EmbeddedConnection implements AutoCloseable {

    private final EmbeddedChannel channel;

    /**
     * @param requestTimeout the server's {@code --request-timeout}; zero for none
     */
    EmbeddedConnection(ServerMetrics metrics, Duration requestTimeout) {
        CommandExecutor executor = new CommandExecutor(new LruStore(100, 10_000), ProtocolLimits.DEFAULTS, Map::of);
        channel = new EmbeddedChannel(new NettyServerInitializer(ProtocolLimits.DEFAULTS, new ClientBufferBudget(0), executor, metrics,
                AccessLog.OFF, new EventLoopWaits(false, null), Duration.ZERO, requestTimeout));
        channel.freezeTime();
    }

    EmbeddedChannel channel() {
        return channel;
    }

    /** The client sends {@code bytes} (US-ASCII) in one read. */
    void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    /** Fires what the server tells a connection, e.g. a drain. */
    void tell(ConnectionEvent event) {
        channel.pipeline().fireUserEventTriggered(event);
    }

    /** Moves the frozen clock on and runs whatever became due. */
    void advanceMillis(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Every byte the server wrote since the last call, as US-ASCII text. */
    String written() {
        StringBuilder text = new StringBuilder();
        ByteBuf chunk;
        while ((chunk = channel.readOutbound()) != null) {
            text.append(chunk.toString(StandardCharsets.US_ASCII));
            chunk.release();
        }
        return text.toString();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
