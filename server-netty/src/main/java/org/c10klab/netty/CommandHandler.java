package org.c10klab.netty;

import io.micrometer.core.instrument.Timer;
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
import org.c10klab.protocol.observe.MeterNames;
import org.c10klab.protocol.observe.ServerMetrics;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespValue;
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
    private final EventLoopWaits waits;
    private final PendingReplies pending;
    /** Requests that arrived while an earlier reply was owed; at most about one read's worth, since reading stops. */
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** A reply is owed after a wait; nothing behind it may run. */
    private boolean waiting;
    /** QUIT or a protocol error was answered; the connection closes once that reply is out. */
    private boolean closing;
    /** The client half-closed; close once everything it sent is answered. */
    private boolean inputShutdown;
    private boolean unflushed;

    CommandHandler(CommandExecutor executor, ServerMetrics metrics, EventLoopWaits waits, PendingReplies pending) {
        this.executor = executor;
        this.metrics = metrics;
        this.waits = waits;
        this.pending = pending;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object request) {
        if (closing) {
            return;
        }
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
                answerThenClose(error.toReply());
            }
            default -> throw new IllegalArgumentException("not a request: " + request);
        }
    }

    private void execute(RespCommand command) {
        long startNanos = System.nanoTime();
        Timer timer = metrics.commandTimer(command.name());
        EventLoop loop = ctx.channel().eventLoop();
        switch (executor.execute(command)) {
            case Reply.Now now -> answer(now.value(), timer, startNanos);
            case Reply.NowThenClose last -> {
                timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
                answerThenClose(last.value());
            }
            case Reply.AfterSleep sleep -> {
                if (waits.sleep(loop, sleep.millis(), () -> answerAfterWait(sleep.value(), timer, startNanos))) {
                    answer(sleep.value(), timer, startNanos);
                } else {
                    startWaiting();
                }
            }
            case Reply.AfterWork work -> {
                if (waits.work(loop, work.micros(), () -> answerAfterWait(work.value(), timer, startNanos))) {
                    answer(work.value(), timer, startNanos);
                } else {
                    startWaiting();
                }
            }
        }
    }

    private void answer(RespValue value, Timer timer, long startNanos) {
        ctx.write(value, ctx.voidPromise());
        unflushed = true;
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Holds everything behind the owed reply until the wait is over. */
    private void startWaiting() {
        waiting = true;
        pending.begin();
        updateReading();
    }

    private void answerAfterWait(RespValue value, Timer timer, long startNanos) {
        waiting = false;
        ctx.write(value).addListener(written -> pending.end());
        unflushed = true;
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
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
        held.clear();
        unflushed = false;
        ctx.writeAndFlush(value).addListener(ChannelFutureListener.CLOSE);
        updateReading();
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
