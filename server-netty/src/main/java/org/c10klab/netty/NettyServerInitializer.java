package org.c10klab.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.server.log.AccessLog;
import org.c10klab.server.observe.ServerMetrics;

/**
 * Builds each connection's pipeline: an optional idle timer, RESP framing, an optional request
 * timer, command handling (which encodes its replies itself, {@link ReplyBuffer}).
 */
final class NettyServerInitializer extends ChannelInitializer<Channel> {

    private final ProtocolLimits limits;
    private final ClientBufferBudget clientBuffers;
    private final CommandExecutor executor;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final EventLoopWaits waits;
    private final Duration idleTimeout;
    private final Duration requestTimeout;

    /**
     * @param idleTimeout    how long a connection may neither read nor write before it is closed; zero for never
     * @param requestTimeout how long a request may take to arrive once it has begun; zero for ever
     */
    NettyServerInitializer(ProtocolLimits limits, ClientBufferBudget clientBuffers, CommandExecutor executor,
                           ServerMetrics metrics, AccessLog accessLog, EventLoopWaits waits, Duration idleTimeout,
                           Duration requestTimeout) {
        this.limits = limits;
        this.clientBuffers = clientBuffers;
        this.executor = executor;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.waits = waits;
        this.idleTimeout = idleTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!idleTimeout.isZero()) {
            pipeline.addLast(new IdleStateHandler(0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        RespFrameDecoder frames = new RespFrameDecoder(limits, clientBuffers);
        pipeline.addLast(frames);
        if (!requestTimeout.isZero()) {
            pipeline.addLast(new RequestTimeoutHandler(frames, requestTimeout));
        }
        pipeline.addLast(new CommandHandler(executor, metrics, accessLog, waits));
    }
}
