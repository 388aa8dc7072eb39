package org.c10klab.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.resp.ClientBufferBudgetException;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespValue;
import org.c10klab.server.log.AccessLog;
import org.c10klab.server.log.ConnectionLog;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one connection's requests strictly in arrival order and writes their replies. While a
 * reply is owed after a wait, or while the client is not reading its replies, later requests are
 * held here and the channel stops reading, so the kernel's buffers push back on the client instead
 * of the server's memory growing. Everything runs on the connection's event loop.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final CommandExecutor executor;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final EventLoopWaits waits;
    private final PendingReplies pending;
    /** Requests that arrived while an earlier reply was owed; at most about one read's worth, since reading stops. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** This connection's access-log lines, from channelActive on. */
    private ConnectionLog connection = ConnectionLog.OFF;
    /** A reply is owed after a wait; nothing behind it may run. */
    private boolean waiting;
    /** QUIT or a protocol error was answered; the connection closes once that reply is out. */
    private boolean closing;
    /** The client half-closed; close once everything it sent is answered. */
    private boolean inputShutdown;
    private boolean unflushed;
    /** Requests read and not yet answered (held ones and an owed one included); the server's gauge sums them. */
    private int inFlight;
    /** The channel is gone and wrote its requests in flight off: answers arriving later settle nothing. */
    private boolean inactive;

    CommandHandler(CommandExecutor executor, ServerMetrics metrics, AccessLog accessLog, EventLoopWaits waits,
                   PendingReplies pending) {
        this.executor = executor;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.waits = waits;
        this.pending = pending;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (accessLog.isOn()) {
            connection = accessLog.opened(ctx.channel().remoteAddress()); // NIO builds the address on first ask
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        settle(inFlight);
        inactive = true;
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object request) {
        if (closing) {
            return;
        }
        inFlight++;
        metrics.requestReceived();
        if (waiting || !held.isEmpty() || !ctx.channel().isWritable()) {
            held.add(request);
            updateReading();
        } else {
            handle(request);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // One flush per read batch: a pipeline of N requests costs one write system call, not N.
        flushIfNeeded();
        updateReading();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            // A connection inside a SLEEP is waiting on us, not idle.
            if (!waiting && held.isEmpty() && !closing) {
                metrics.connectionRejected(MeterNames.REASON_IDLE);
                connection.rejected(MeterNames.REASON_IDLE);
                ctx.close();
            }
        } else if (event instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            closeIfAllAnswered();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are how clients leave; anything else is a bug worth a line.
        if (!(cause instanceof IOException)) {
            log.warn("closing {} after an unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }

    private void handle(Object request) {
        switch (request) {
            case RespCommand command -> execute(command);
            case ProtocolException error -> {
                metrics.protocolError();
                connection.protocolError(error.getMessage());
                settle(1);
                answerThenClose(error.toReply());
            }
            case ClientBufferBudgetException evicted -> {
                metrics.connectionRejected(MeterNames.REASON_CLIENT_BUFFER);
                connection.rejected(MeterNames.REASON_CLIENT_BUFFER);
                settle(1);
                answerThenClose(evicted.toReply());
            }
            default -> throw new IllegalArgumentException("not a request: " + request);
        }
    }

    private void execute(RespCommand command) {
        long startNanos = System.nanoTime();
        String name = command.name();
        EventLoop loop = ctx.channel().eventLoop();
        switch (executor.execute(command)) {
            case Reply.Now now -> answer(now.value(), name, startNanos);
            case Reply.NowThenClose last -> {
                answered(name, last.value(), startNanos);
                answerThenClose(last.value());
            }
            case Reply.AfterSleep sleep -> {
                if (waits.sleep(loop, sleep.millis(), () -> answerAfterWait(sleep.value(), name, startNanos))) {
                    answer(sleep.value(), name, startNanos);
                } else {
                    startWaiting();
                }
            }
            case Reply.AfterWork work -> {
                if (waits.work(loop, work.micros(), () -> answerAfterWait(work.value(), name, startNanos))) {
                    answer(work.value(), name, startNanos);
                } else {
                    startWaiting();
                }
            }
        }
    }

    private void answer(RespValue value, String commandName, long startNanos) {
        ctx.write(value, ctx.voidPromise());
        unflushed = true;
        answered(commandName, value, startNanos);
    }

    /**
     * Counts the command out of flight, then times and logs it, from the start of its execution until
     * its reply is handed to the channel.
     */
    private void answered(String commandName, RespValue value, long startNanos) {
        settle(1);
        long latencyNanos = System.nanoTime() - startNanos;
        String reported = metrics.reportedCommand(commandName);
        metrics.commandTimer(reported).record(latencyNanos, TimeUnit.NANOSECONDS);
        connection.answered(reported, value, latencyNanos);
    }

    /** Holds everything behind the owed reply until the wait is over. */
    private void startWaiting() {
        waiting = true;
        pending.begin();
        updateReading();
    }

    private void answerAfterWait(RespValue value, String commandName, long startNanos) {
        waiting = false;
        ctx.write(value).addListener(written -> pending.end());
        unflushed = true;
        answered(commandName, value, startNanos);
        resume();
    }

    /** Runs held requests until one must wait or the client stops reading, then settles flushing and reading. */
    private void resume() {
        Object next;
        while (!waiting && !closing && ctx.channel().isWritable() && (next = held.poll()) != null) {
            handle(next);
        }
        flushIfNeeded();
        updateReading();
        closeIfAllAnswered();
    }

    private void answerThenClose(RespValue value) {
        closing = true;
        settle(held.size()); // nothing behind a QUIT or a protocol error is answered
        held.clear();
        unflushed = false;
        ctx.writeAndFlush(value).addListener(ChannelFutureListener.CLOSE);
        updateReading();
    }

    /** {@code requests} of this connection's requests in flight are over: answered, or given up. */
    private void settle(int requests) {
        if (!inactive) {
            inFlight -= requests;
            metrics.requestsSettled(requests);
        }
    }

    private void closeIfAllAnswered() {
        if (inputShutdown && !waiting && held.isEmpty() && !closing) {
            closing = true;
            unflushed = false;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void flushIfNeeded() {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Reads only while a request could run at once: nothing owed, nothing held, the client keeping up. */
    private void updateReading() {
        Channel channel = ctx.channel();
        boolean read = !waiting && !closing && held.isEmpty() && channel.isWritable();
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }
}
