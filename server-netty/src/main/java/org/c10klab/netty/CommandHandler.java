package org.c10klab.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import org.c10klab.protocol.command.BuiltinCommand;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.resp.ClientBufferBudgetException;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespValue;
import org.c10klab.server.ServerErrors;
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
 * of the server's memory growing. It also carries out what the server tells the connection
 * ({@link ConnectionEvent}): a request timeout, a drain, the end of a drain. Everything runs on the
 * connection's event loop.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final CommandExecutor executor;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final EventLoopWaits waits;
    /**
     * Requests that arrived while an earlier reply was owed; at most about one read's worth, since
     * reading stops. Made at the first such request: most connections never need it.
     */
    private ArrayDeque<Object> held;
    private ChannelHandlerContext ctx;
    /** Replies written since the last flush; the flush hands them to the channel as one buffer. */
    private ReplyBuffer replies;
    /** This connection's access-log lines, from channelActive on. */
    private ConnectionLog connection = ConnectionLog.OFF;
    /** The wait a reply is owed after (a SLEEP timer, an offloaded WORK); nothing behind it may run. Null when none. */
    private Future<?> owedWait;
    /** QUIT or a protocol error was answered; the connection closes once that reply is out. */
    private boolean closing;
    /** The client half-closed; close once everything it sent is answered. */
    private boolean inputShutdown;
    /** The server is stopping: read nothing more; close once everything read is answered. */
    private boolean draining;
    private boolean unflushed;
    /** Requests read and not yet answered (held ones and an owed one included); the server's gauge sums them. */
    private int inFlight;
    /** The channel is gone and wrote its requests in flight off: answers arriving later settle nothing. */
    private boolean inactive;

    CommandHandler(CommandExecutor executor, ServerMetrics metrics, AccessLog accessLog, EventLoopWaits waits) {
        this.executor = executor;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.waits = waits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.replies = new ReplyBuffer(ctx);
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
        cancelWait(); // a client that left needs no timer: a hostile one could pile them up
        settle(inFlight);
        inactive = true;
        replies.release();
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
        if (owedWait != null || !nothingHeld() || !ctx.channel().isWritable()) {
            if (held == null) {
                held = new ArrayDeque<>();
            }
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
            if (owedWait == null && nothingHeld() && !closing) {
                metrics.connectionRejected(MeterNames.REASON_IDLE);
                connection.rejected(MeterNames.REASON_IDLE);
                ctx.close();
            }
        } else if (event instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            closeIfAllAnswered();
        } else if (event instanceof ConnectionEvent told) {
            switch (told) {
                case REQUEST_TIMED_OUT -> timeOutRequest();
                case DRAIN -> {
                    draining = true;
                    updateReading();
                    closeIfAllAnswered();
                }
                case DRAIN_TIMED_OUT -> giveUpOwedRequests();
            }
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
        BuiltinCommand builtin = BuiltinCommand.find(command.argument(0));
        String reported = metrics.reportedCommand(builtin, command);
        EventLoop loop = ctx.channel().eventLoop();
        switch (executor.execute(command, builtin)) {
            case Reply.Now now -> answer(now.value(), reported, startNanos);
            case Reply.NowThenClose last -> {
                answered(reported, last.value(), startNanos);
                answerThenClose(last.value());
            }
            case Reply.AfterSleep sleep -> answerOrWait(
                    waits.sleep(loop, sleep.millis(), () -> answerAfterWait(sleep.value(), reported, startNanos)),
                    sleep.value(), reported, startNanos);
            case Reply.AfterWork work -> answerOrWait(
                    waits.work(loop, work.micros(), () -> answerAfterWait(work.value(), reported, startNanos)),
                    work.value(), reported, startNanos);
        }
    }

    private void answer(RespValue value, String reportedCommand, long startNanos) {
        replies.add(value);
        unflushed = true;
        answered(reportedCommand, value, startNanos);
    }

    /**
     * Counts the command out of flight, then times and logs it, from the start of its execution until
     * its reply is encoded for the channel.
     */
    private void answered(String reportedCommand, RespValue value, long startNanos) {
        settle(1);
        long latencyNanos = System.nanoTime() - startNanos;
        metrics.commandLatency(reportedCommand).record(latencyNanos);
        connection.answered(reportedCommand, value, latencyNanos);
    }

    /** Answers now when {@code wait} is already over (null); else holds everything behind the owed reply until it is. */
    private void answerOrWait(Future<?> wait, RespValue value, String reportedCommand, long startNanos) {
        if (wait == null) {
            answer(value, reportedCommand, startNanos);
        } else {
            owedWait = wait;
            updateReading();
        }
    }

    private void answerAfterWait(RespValue value, String reportedCommand, long startNanos) {
        if (owedWait == null) {
            return; // cancelled: the client left, or the drain gave up on it
        }
        owedWait = null;
        answer(value, reportedCommand, startNanos);
        resume();
    }

    private void cancelWait() {
        if (owedWait != null) {
            owedWait.cancel(false);
            owedWait = null;
        }
    }

    /** The request the client began has not arrived whole within the request timeout. */
    private void timeOutRequest() {
        if (!closing) {
            metrics.connectionRejected(MeterNames.REASON_REQUEST_TIMEOUT);
            connection.rejected(MeterNames.REASON_REQUEST_TIMEOUT);
            answerThenClose(ServerErrors.REQUEST_TIMEOUT);
        }
    }

    /**
     * The drain timeout ran out: the owed reply and every held request get {@code -ERR server
     * shutting down}, so the client learns why instead of seeing a bare close, then the connection closes.
     */
    private void giveUpOwedRequests() {
        if (closing) {
            return; // its last reply is written already; the server closes it if the client does not take it
        }
        int owed = heldCount() + (owedWait == null ? 0 : 1);
        cancelWait();
        held = null;
        settle(owed);
        for (int i = 0; i < owed; i++) {
            replies.add(ServerErrors.SHUTTING_DOWN);
        }
        closeAfterWrites();
    }

    /** Runs held requests until one must wait or the client stops reading, then settles flushing and reading. */
    private void resume() {
        Object next;
        while (owedWait == null && !closing && ctx.channel().isWritable() && held != null && (next = held.poll()) != null) {
            handle(next);
        }
        if (nothingHeld()) {
            held = null; // an idle connection keeps no queue
        }
        flushIfNeeded();
        updateReading();
        closeIfAllAnswered();
    }

    private void answerThenClose(RespValue value) {
        settle(heldCount()); // nothing behind a QUIT or a protocol error is answered
        held = null;
        replies.add(value);
        closeAfterWrites();
    }

    /** {@code requests} of this connection's requests in flight are over: answered, or given up. */
    private void settle(int requests) {
        if (!inactive) {
            inFlight -= requests;
            metrics.requestsSettled(requests);
        }
    }

    /** After a half-close or in a drain: closes once nothing read is left unanswered. */
    private void closeIfAllAnswered() {
        if ((inputShutdown || draining) && owedWait == null && nothingHeld() && !closing) {
            closeAfterWrites();
        }
    }

    /** Flushes every reply written so far and closes the connection once they are out; reads nothing more. */
    private void closeAfterWrites() {
        closing = true;
        unflushed = false;
        ctx.writeAndFlush(replies.take()).addListener(ChannelFutureListener.CLOSE);
        updateReading();
    }

    private boolean nothingHeld() {
        return held == null || held.isEmpty();
    }

    private int heldCount() {
        return held == null ? 0 : held.size();
    }

    private void flushIfNeeded() {
        if (unflushed) {
            unflushed = false;
            ctx.writeAndFlush(replies.take(), ctx.voidPromise());
        }
    }

    /** Reads only while a request could run at once: nothing owed, nothing held, the client keeping up. */
    private void updateReading() {
        Channel channel = ctx.channel();
        boolean read = owedWait == null && !closing && !draining && nothingHeld() && channel.isWritable();
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }
}
