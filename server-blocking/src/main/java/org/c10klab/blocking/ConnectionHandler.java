package org.c10klab.blocking;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.command.BuiltinCommand;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.command.CpuBurner;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.resp.ClientBufferAccount;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.resp.ClientBufferBudgetException;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.ProtocolException;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.server.ServerErrors;
import org.c10klab.server.log.ConnectionLog;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one socket on whatever thread runs it: reads a command, lets the executor decide the
 * reply, performs any SLEEP or WORK on this same thread, and writes the replies in request order.
 */
final class ConnectionHandler implements Runnable {

    /** What a client gets when the server cannot give it a thread (pool admission, thread limit). */
    static final ErrorReply MAX_CLIENTS_REACHED = ErrorReply.err("max clients reached");

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    /** Where the connection is, so a stop can close idle ones at once and let busy ones finish. */
    private enum State { IDLE, BUSY, DRAINING, CLOSED }

    private final Socket socket;
    private final CommandExecutor executor;
    private final ProtocolLimits limits;
    private final ReadTimeouts timeouts;
    /** What this connection's partial command holds, in the server's budget. */
    private final ClientBufferAccount clientBuffer;
    private final ServerMetrics metrics;
    private final ConnectionLog connection;
    private final Consumer<ConnectionHandler> onClosed;
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;

    /**
     * @param connection where this connection's access-log lines go; its open line is already written
     * @param onClosed   called exactly once, when the socket has been closed for any reason
     */
    ConnectionHandler(Socket socket, CommandExecutor executor, ProtocolLimits limits, ReadTimeouts timeouts,
            ClientBufferBudget clientBuffers,
            ServerMetrics metrics, ConnectionLog connection, Consumer<ConnectionHandler> onClosed) {
        this.socket = socket;
        this.executor = executor;
        this.limits = limits;
        this.timeouts = timeouts;
        // Another connection's growth evicted this one: end the read its thread waits in, so that
        // thread replies with the reason and closes.
        this.clientBuffer = clientBuffers.open(this::shutdownInput);
        this.metrics = metrics;
        this.connection = connection;
        this.onClosed = onClosed;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (state.get() != State.CLOSED) {
                serve();
            }
        } finally {
            close();
            thread = null;
        }
    }

    /** Refuses a connection that never ran: {@code -ERR max clients reached}, counted, then closed. */
    void rejectMaxClients() {
        if (state.compareAndSet(State.IDLE, State.CLOSED)) {
            metrics.connectionRejected(MeterNames.REASON_MAX_CLIENTS);
            connection.rejected(MeterNames.REASON_MAX_CLIENTS);
            try {
                // A fresh socket's send buffer is empty, so this small write does not block.
                socket.getOutputStream().write(RespEncoder.encode(MAX_CLIENTS_REACHED));
            } catch (IOException e) {
                log.debug("could not send the max-clients reply to {}: {}", socket.getRemoteSocketAddress(), e.toString());
            }
        }
        close();
    }

    /**
     * Asks the connection to end: one waiting for a command (or in the middle of receiving one) ends
     * now, one inside a command answers it first (a pending SLEEP included) and then closes. Either
     * way no further request is read.
     */
    void drain() {
        while (true) {
            State current = state.get();
            if (current == State.IDLE && state.compareAndSet(State.IDLE, State.CLOSED)) {
                // Not close(): this thread may be flushing replies. The blocked read sees EOF, run() flushes and closes.
                shutdownInput();
                return;
            }
            if (current == State.BUSY && state.compareAndSet(State.BUSY, State.DRAINING)) {
                return;
            }
            if (current == State.DRAINING || current == State.CLOSED) {
                return;
            }
        }
    }

    /**
     * For when the drain timeout has passed: a command still running ends after its reply, a SLEEP at
     * once with {@code -ERR server shutting down}; then the connection closes.
     */
    void giveUp() {
        state.set(State.CLOSED);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Closes the socket under a thread that {@link #giveUp} could not end (a WORK, a write the client does not read). */
    void abort() {
        closeSocket();
    }

    /** Closes the socket and reports it once; safe to call from any thread, any number of times. */
    void close() {
        state.set(State.CLOSED);
        closeSocket();
        if (closed.compareAndSet(false, true)) {
            clientBuffer.close();
            connection.closed();
            onClosed.accept(this);
        }
    }

    private void serve() {
        try {
            ReplyBuffer out = new ReplyBuffer(socket.getOutputStream());
            SocketRequestReader reader = new SocketRequestReader(socket, out, limits, timeouts, clientBuffer);
            try {
                while (true) {
                    RespCommand command = reader.read();
                    if (command == null || !state.compareAndSet(State.IDLE, State.BUSY)) {
                        return;
                    }
                    boolean keepOpen = answer(command, out, !reader.hasBufferedInput());
                    if (!keepOpen || !state.compareAndSet(State.BUSY, State.IDLE)) {
                        return; // QUIT, or a stop asked us to close after this reply
                    }
                }
            } catch (ProtocolException e) {
                metrics.protocolError();
                connection.protocolError(e.getMessage());
                out.write(RespEncoder.encode(e.toReply()), true);
            } catch (RequestTimeoutException e) {
                metrics.connectionRejected(MeterNames.REASON_REQUEST_TIMEOUT);
                connection.rejected(MeterNames.REASON_REQUEST_TIMEOUT);
                out.write(RespEncoder.encode(ServerErrors.REQUEST_TIMEOUT), true);
            } catch (ClientBufferBudgetException e) {
                metrics.connectionRejected(MeterNames.REASON_CLIENT_BUFFER);
                connection.rejected(MeterNames.REASON_CLIENT_BUFFER);
                out.write(RespEncoder.encode(e.toReply()), true);
            } finally {
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            metrics.connectionRejected(MeterNames.REASON_IDLE);
            connection.rejected(MeterNames.REASON_IDLE);
        } catch (IOException e) {
            // The peer went away, or a stop closed the socket: there is no one left to answer.
            log.debug("connection {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            // A bug must cost this connection only, never the thread's next one or the server.
            log.error("connection {} failed; closing it", socket.getRemoteSocketAddress(), e);
        }
    }

    /**
     * Executes one command and writes its reply; the model's wait happens here, on this thread.
     *
     * @param last true when no other request of the last read is waiting, so the reply leaves now
     * @return false when the connection must close after this reply
     */
    private boolean answer(RespCommand command, ReplyBuffer out, boolean last) throws IOException {
        long startNanos = System.nanoTime();
        BuiltinCommand builtin = BuiltinCommand.find(command.argument(0)); // resolved once, as netty does
        String reported = metrics.reportedCommand(builtin, command);
        metrics.requestReceived();
        try {
            Reply reply = executor.execute(command, builtin);
            try {
                await(reply, out);
            } catch (InterruptedException e) {
                // The drain timeout ran out during this SLEEP: tell the client why rather than close without a word.
                out.write(RespEncoder.encode(ServerErrors.SHUTTING_DOWN), true);
                return false;
            }
            // A give-up that came after the wait ends the connection after this reply; left set, the interrupt
            // would make a virtual thread's write close the socket instead.
            Thread.interrupted();
            long latencyNanos = System.nanoTime() - startNanos;
            metrics.commandLatency(reported).record(latencyNanos);
            connection.answered(reported, reply.value(), latencyNanos);
            out.write(RespEncoder.encode(reply.value()), last);
            return !(reply instanceof Reply.NowThenClose);
        } finally {
            metrics.requestsSettled(1); // answered, or given up by a forced stop or a broken socket
        }
    }

    /** Performs the wait {@code reply} asks for; earlier pipelined replies are sent first, so they do not wait for it. */
    private static void await(Reply reply, ReplyBuffer out) throws IOException, InterruptedException {
        switch (reply) {
            case Reply.Now now -> { } // nothing to wait for
            case Reply.NowThenClose thenClose -> { }
            case Reply.AfterSleep sleep -> {
                out.flush();
                Thread.sleep(sleep.millis());
            }
            case Reply.AfterWork work -> {
                out.flush();
                CpuBurner.burn(work.micros());
            }
        }
    }

    private void shutdownInput() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            log.debug("shutting down the input of {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        }
    }
}
