package org.c10klab.harness.flood;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.flood.OutcomeClassifier.Classification;

/**
 * One simulated client, confined to one event loop: it connects, sends its share of the requests on
 * the closed or the open schedule, times every reply, and reports how each attempt and each request
 * ended. Its connection moves through the {@link SlotState}s; nothing here blocks, and nothing here is
 * touched from another thread.
 */
final class ClientSlot {

    private final int index;
    private final SlotPlan plan;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final FloodObserver observer;
    private final FileBudget files;
    private final Runnable onFinished;
    private final RequestDraws draws;

    private final InFlightRequests inFlight;
    /** Open model: intended send times that are due and not yet sent. */
    private final ArrayDeque<Long> due = new ArrayDeque<>();

    private SlotState state = SlotState.IDLE;
    /** The attempt out while {@link SlotState#CONNECTING}; null when it failed before it left (local limit). */
    private ChannelFuture pendingConnect;
    /** The connection while {@link SlotState#CONNECTED} or {@link SlotState#CLOSING}; null otherwise. */
    private Channel channel;
    private long sentOnConnection;
    private long repliesOnConnection;
    /** Replies taken since the connection's last read completed: room for as many new requests. */
    private int repliesThisRead;
    /** The connection timed out before it answered anything: connected, yet never served. */
    private boolean silent;

    private long connectionsStarted;
    private long requestsSent;
    private long ticketsIssued;
    private long scheduleAnchorNanos = -1;
    private boolean timeoutArmed;
    private boolean thinking;
    /** Start no more work: the deadline passed, the run was cancelled, or the only connection is over. */
    private boolean stopping;
    /** Ctrl-C: what is still in flight or connecting ends as {@link Outcome#CANCELLED}. */
    private boolean cancelled;

    /**
     * @param template   the run's bootstrap (target, transport, options); this slot binds a copy to {@code loop}
     * @param source     the local address to connect from, or null for the kernel's choice
     * @param files      the sockets the process may still open, shared by every slot
     * @param onFinished called once, on {@code loop}, when this client has nothing more to do
     */
    ClientSlot(int index, SlotPlan plan, EventLoop loop, Bootstrap template, SocketAddress source,
               FloodObserver observer, FileBudget files, Runnable onFinished) {
        this.index = index;
        this.plan = plan;
        this.loop = loop;
        this.bootstrap = template.clone(loop).localAddress(source)
                .handler(new FloodChannelInitializer(plan.protocol(), this));
        this.observer = observer;
        this.files = files;
        this.onFinished = onFinished;
        this.draws = plan.workload().newDraws();
        this.inFlight = new InFlightRequests(plan.pipeline());
    }

    /** This client's place in the flood, from 0: its place on the connect schedule. */
    int index() {
        return index;
    }

    /** The loop this slot lives on. */
    EventLoop loop() {
        return loop;
    }

    /**
     * Begins this client's work; on {@link #loop()}.
     *
     * @param intendedNanos when the connect schedule wanted it to begin; how late it is, is the harness's own lag
     */
    void start(long intendedNanos) {
        if (state == SlotState.FINISHED) {
            return;
        }
        observer.clientStarted(System.nanoTime() - intendedNanos);
        if (plan.hasDeadline()) {
            loop.schedule(this::onDeadline, plan.deadlineNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        if (plan.openModel() && plan.reconnect()) {
            startSchedule(System.nanoTime());
        }
        pump();
    }

    /** Ctrl-C: start nothing more, abandon what is in flight, close; on {@link #loop()}. */
    void cancel() {
        if (state == SlotState.FINISHED) {
            return;
        }
        cancelled = true;
        stopWork();
        switch (state) {
            case CONNECTING -> {
                if (pendingConnect != null) {
                    // Fails the connect promise; onConnectDone counts it as cancelled.
                    pendingConnect.channel().close();
                }
            }
            case CONNECTED -> {
                failInFlight(Outcome.CANCELLED, null);
                close();
            }
            case IDLE -> finish();
            case CLOSING, FINISHED -> { } // the close under way ends it
        }
    }

    void onReply(Channel from, Reply reply) {
        if (from != channel || state != SlotState.CONNECTED) {
            return;
        }
        if (inFlight.isEmpty()) {
            if (plan.protocol() == Protocol.RESP) {
                failConnection(new Classification(Outcome.PROTOCOL_ERROR, "a reply to no request"));
            }
            return;
        }
        repliesOnConnection++;
        repliesThisRead++;
        long latencyNanos = System.nanoTime() - inFlight.oldestIntendedNanos();
        int command = inFlight.command(0);
        inFlight.removeOldest();
        String errorMessage = reply instanceof Reply.Error error ? error.message() : null;
        observer.answered(command, latencyNanos, reply == Reply.NIL, errorMessage);
        if (plan.thinkNanos() > 0 && !thinking) {
            thinking = true;
            loop.schedule(this::endThink, plan.thinkNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The connection's read is over: write as many requests as its replies made room for, in one batch and one
     * flush, so a pipelined server reads them together (redis-benchmark's -P does the same).
     */
    void onReadComplete(Channel from) {
        if (from != channel || state != SlotState.CONNECTED || repliesThisRead == 0) {
            return;
        }
        repliesThisRead = 0;
        armTimeout();
        pump();
    }

    void onFailure(Channel from, Classification failure) {
        if (from != channel || state != SlotState.CONNECTED) {
            return;
        }
        failConnection(failure);
    }

    void onClosed(Channel from) {
        if (from != channel) {
            return;
        }
        // EOF, or our own close: whatever is still in flight will never be answered.
        failInFlight(cancelled ? Outcome.CANCELLED : Outcome.CLOSED, null);
        observer.disconnected(silent);
        files.release();
        channel = null;
        moveTo(SlotState.IDLE);
        if (plan.reconnect()) {
            pump();
        } else {
            stopWork();
            finish();
        }
    }

    /** Does whatever can be done now: connect, write what is due, close when done, or finish. */
    private void pump() {
        if (state == SlotState.FINISHED) {
            return;
        }
        if (!stopping && !beforeDeadline(System.nanoTime())) {
            stopWork();
        }
        switch (state) {
            case CONNECTED -> {
                writeWhatIsDue();
                if (inFlight.isEmpty() && connectionDone()) {
                    close();
                }
            }
            case IDLE -> {
                if (wantsConnection()) {
                    connect();
                } else if (!hasMoreWork()) {
                    finish();
                }
            }
            case CONNECTING, CLOSING, FINISHED -> { } // the attempt's or the close's completion pumps again
        }
    }

    private void writeWhatIsDue() {
        ByteBuf batch = null;
        while (!stopping && inFlight.size() < plan.pipeline() && channel.isActive()
                && !(plan.reconnect() && sentOnConnection > 0)) {
            long now = System.nanoTime();
            long intended;
            if (plan.openModel()) {
                if (due.isEmpty()) {
                    break;
                }
                intended = due.poll();
            } else {
                if (thinking || (!plan.reconnect() && requestsSent >= plan.requestsPerSlot())) {
                    break;
                }
                intended = now;
            }
            int command = plan.workload().command(index + requestsSent);
            inFlight.add(command, intended, now);
            requestsSent++;
            sentOnConnection++;
            observer.requestSent();
            if (batch == null) {
                batch = channel.alloc().ioBuffer();
            }
            plan.workload().appendRequest(command, draws, batch);
        }
        if (batch != null) {
            channel.writeAndFlush(batch, channel.voidPromise());
            armTimeout();
        }
    }

    /** True when the current connection has nothing more to do once its replies are in. */
    private boolean connectionDone() {
        if (stopping) {
            return true;
        }
        if (plan.reconnect()) {
            return sentOnConnection > 0;
        }
        // With a duration, connections are held open until it ends, even once their requests are done.
        return !plan.hasDeadline() && noMoreRequests();
    }

    private boolean noMoreRequests() {
        return plan.openModel()
                ? !ticketPlanned(ticketsIssued) && due.isEmpty()
                : requestsSent >= plan.requestsPerSlot();
    }

    private boolean wantsConnection() {
        if (stopping) {
            return false;
        }
        if (!plan.reconnect()) {
            return connectionsStarted == 0;
        }
        return plan.openModel() ? !due.isEmpty() : !thinking && connectionsStarted < plan.requestsPerSlot();
    }

    /** With no connection and none wanted now: whether anything may still happen later. */
    private boolean hasMoreWork() {
        if (stopping) {
            return false;
        }
        if (!plan.reconnect()) {
            return connectionsStarted == 0;
        }
        return plan.openModel()
                ? ticketPlanned(ticketsIssued) || !due.isEmpty()
                : connectionsStarted < plan.requestsPerSlot();
    }

    private void connect() {
        connectionsStarted++;
        sentOnConnection = 0;
        repliesOnConnection = 0;
        repliesThisRead = 0;
        silent = false;
        moveTo(SlotState.CONNECTING);
        observer.connectAttempted();
        if (!files.tryAcquire()) {
            // Later, not inline: a slot that retries (reconnect) must not recurse through pump().
            Classification overBudget = new Classification(Outcome.LOCAL_LIMIT, LocalLimit.OPEN_FILES.label());
            loop.execute(() -> onConnectFailed(overBudget));
            return;
        }
        long startNanos = System.nanoTime();
        ChannelFuture attempt = bootstrap.connect();
        pendingConnect = attempt;
        attempt.addListener((ChannelFutureListener) done -> {
            // Success arrives on our loop and must be handled before the channel's first events;
            // failures may arrive on another thread, or inline from connect() (loopback refuses at once).
            if (done.isSuccess() && loop.inEventLoop()) {
                onConnectDone(done, startNanos);
            } else {
                loop.execute(() -> onConnectDone(done, startNanos));
            }
        });
    }

    private void onConnectDone(ChannelFuture attempt, long startNanos) {
        if (attempt != pendingConnect) {
            return;
        }
        pendingConnect = null;
        if (attempt.isSuccess()) {
            moveTo(SlotState.CONNECTED);
            observer.connected(System.nanoTime() - startNanos);
            channel = attempt.channel();
            if (!channel.isActive()) {
                onClosed(channel);
                return;
            }
            if (plan.openModel() && !plan.reconnect() && scheduleAnchorNanos < 0) {
                startSchedule(System.nanoTime());
            }
            pump();
            return;
        }
        files.release();
        onConnectFailed(cancelled
                ? new Classification(Outcome.CANCELLED, null)
                : OutcomeClassifier.classify(attempt.cause()));
    }

    private void onConnectFailed(Classification failure) {
        moveTo(SlotState.IDLE);
        observer.connectFailed(failure.outcome(), failure.detail());
        if (plan.reconnect()) {
            if (plan.openModel() && !due.isEmpty()) {
                due.poll();
                observer.requestsUnsent(1);
            }
            pump();
        } else {
            stopWork();
            finish();
        }
    }

    private void failConnection(Classification failure) {
        failInFlight(failure.outcome(), failure.detail());
        close();
    }

    private void failInFlight(Outcome outcome, String detail) {
        for (int i = 0; i < inFlight.size(); i++) {
            observer.requestFailed(inFlight.command(i), outcome, detail);
        }
        inFlight.clear();
    }

    private void close() {
        moveTo(SlotState.CLOSING);
        channel.close();
    }

    private void armTimeout() {
        if (timeoutArmed || inFlight.isEmpty()) {
            return;
        }
        timeoutArmed = true;
        long delayNanos = inFlight.oldestSentNanos() + plan.responseTimeoutNanos() - System.nanoTime();
        loop.schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    // One lazy timer per slot: when it fires early for a newer request, it re-arms instead of being cancelled.
    private void checkTimeout() {
        timeoutArmed = false;
        if (state != SlotState.CONNECTED || inFlight.isEmpty()) {
            return;
        }
        if (System.nanoTime() - inFlight.oldestSentNanos() >= plan.responseTimeoutNanos()) {
            silent = repliesOnConnection == 0;
            failConnection(new Classification(Outcome.RESPONSE_TIMEOUT, null));
        } else {
            armTimeout();
        }
    }

    private void endThink() {
        thinking = false;
        pump();
    }

    private void onDeadline() {
        if (state != SlotState.FINISHED) {
            stopWork();
            pump();
        }
    }

    private void startSchedule(long anchorNanos) {
        scheduleAnchorNanos = anchorNanos;
        scheduleNextTicket();
    }

    private long ticketNanos(long ticket) {
        return plan.schedule().dueNanos(index, ticket, scheduleAnchorNanos);
    }

    private boolean ticketPlanned(long ticket) {
        if (ticket >= plan.requestsPerSlot()) {
            return false;
        }
        long dueNanos = ticketNanos(ticket);
        return dueNanos != RequestSchedule.NEVER && beforeDeadline(dueNanos);
    }

    private boolean beforeDeadline(long nanos) {
        // Compared by difference: nanoTime values may be negative and only differences are meaningful.
        return !plan.hasDeadline() || nanos - plan.deadlineNanos() < 0;
    }

    private void scheduleNextTicket() {
        if (state != SlotState.FINISHED && !stopping && ticketPlanned(ticketsIssued)) {
            loop.schedule(this::onTicket, ticketNanos(ticketsIssued) - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void onTicket() {
        if (state == SlotState.FINISHED || stopping) {
            return;
        }
        long now = System.nanoTime();
        // A late wake-up issues every ticket already due, each with its own intended time and lag.
        while (ticketPlanned(ticketsIssued) && ticketNanos(ticketsIssued) - now <= 0) {
            observer.requestDue(now - ticketNanos(ticketsIssued));
            due.add(ticketNanos(ticketsIssued));
            ticketsIssued++;
        }
        scheduleNextTicket();
        pump();
    }

    private void stopWork() {
        stopping = true;
        if (!due.isEmpty()) {
            observer.requestsUnsent(due.size());
            due.clear();
        }
    }

    private void finish() {
        moveTo(SlotState.FINISHED);
        onFinished.run();
    }

    /** The one place the state changes; a move the table does not allow throws. */
    private void moveTo(SlotState next) {
        state = state.moveTo(next);
    }
}
