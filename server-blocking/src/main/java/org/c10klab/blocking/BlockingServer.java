package org.c10klab.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.resp.ClientBufferBudget;
import org.c10klab.protocol.store.LruStore;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.LabServer;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.StandardInfo;
import org.c10klab.server.log.AccessLog;
import org.c10klab.server.log.ConnectionLog;
import org.c10klab.server.log.ServerLogging;
import org.c10klab.server.log.ThrottledWarning;
import org.c10klab.server.observe.MeterNames;
import org.c10klab.server.observe.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking-socket server: one accept thread takes connections from a {@link ServerSocket} and
 * hands each to the model's {@link ConnectionRunner}; a {@link ConnectionHandler} serves it.
 */
public final class BlockingServer implements LabServer {

    private static final Logger log = LoggerFactory.getLogger(BlockingServer.class);
    /** How long the accept loop pauses after a failed accept(), so EMFILE cannot make it spin. */
    private static final Duration ACCEPT_ERROR_BACKOFF = Duration.ofMillis(50);
    /** After the drain timeout, how long the shutting-down errors get to leave before sockets are closed regardless. */
    private static final Duration GIVE_UP_GRACE = Duration.ofSeconds(1);
    /** After that, how long closed connections and their threads get to end (WORK cannot be interrupted). */
    private static final Duration FORCED_CLOSE_GRACE = Duration.ofSeconds(5);

    private final Model model;
    private final ServerOptions options;
    private final BlockingOptions blockingOptions;
    private final ProtocolLimits limits;
    private final ReadTimeouts readTimeouts;
    private final ClientBufferBudget clientBuffers;
    private final ServerSocket listener;
    private final ServerMetrics metrics;
    private final ServerLogging logging;
    private final StandardInfo standardInfo;
    private final CommandExecutor executor;
    private final OpenConnections connections;
    private final ConnectionRunner runner;
    private final ThrottledWarning acceptErrors = new ThrottledWarning(log, Duration.ofSeconds(1));
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptThread;

    private BlockingServer(ServerOptions options, BlockingOptions blockingOptions, ProtocolLimits limits,
            ClientBufferBudget clientBuffers, CommandPlugins plugins, ServerSocket listener, ServerMetrics metrics,
            ServerLogging logging) {
        this.model = blockingOptions.model;
        this.options = options;
        this.blockingOptions = blockingOptions;
        this.limits = limits;
        this.readTimeouts = new ReadTimeouts(blockingOptions.idleTimeout, options.requestTimeout);
        this.clientBuffers = clientBuffers;
        this.listener = listener;
        this.metrics = metrics;
        this.logging = logging;
        this.standardInfo = new StandardInfo(model.cliName(), options.requestedBacklog(), metrics, clientBuffers);
        metrics.gaugeClientBuffers(clientBuffers);
        LruStore store = new LruStore(limits.storeMaxEntries(), limits.storeMaxBytes());
        metrics.gaugeStore(store);
        this.executor = new CommandExecutor(store, limits, this::infoFields, plugins);
        this.connections = new OpenConnections(options.maxConnections, metrics);
        this.runner = switch (model) {
            case SERIAL -> new SerialRunner();
            case THREADS -> ThreadPerConnectionRunner.platformThreads();
            case POOL -> new PoolRunner(blockingOptions.poolSize, blockingOptions.admissionTimeout);
            case VIRTUAL -> ThreadPerConnectionRunner.virtualThreads(metrics);
        };
        this.acceptThread = Thread.ofPlatform().name("accept").unstarted(this::acceptLoop);
    }

    /**
     * Binds and starts accepting.
     *
     * @return the server, bound and accepting (port 0 has become a real port)
     * @throws IllegalArgumentException when an option is out of range
     * @throws IOException              when the address cannot be bound, a plugin cannot load
     *                                  ({@link org.c10klab.protocol.plugin.PluginException}) or a log
     *                                  file cannot be written
     */
    public static BlockingServer start(ServerOptions options, BlockingOptions blockingOptions) throws IOException {
        blockingOptions.validate();
        if (blockingOptions.model == Model.VIRTUAL) {
            VirtualThreadScheduler.useCarriers(blockingOptions.carriers()); // before the first connection's thread
        }
        ProtocolLimits limits = options.limits();
        ClientBufferBudget clientBuffers = options.clientBufferBudget();
        if (options.maxConnections < 0) {
            throw new IllegalArgumentException("--max-connections: " + options.maxConnections + " (expected: >= 0)");
        }
        CommandPlugins plugins = options.plugins(); // before binding, so a bad plugin never holds the port
        ServerMetrics metrics = new ServerMetrics(blockingOptions.model.cliName(), plugins.names());
        ServerLogging logging;
        try {
            logging = ServerLogging.start(options.logging, metrics);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true); // a restarted server must not wait for TIME_WAIT sockets to expire
            listener.bind(new InetSocketAddress(options.bind, options.port), options.requestedBacklog());
        } catch (IOException | RuntimeException e) {
            listener.close();
            logging.close();
            metrics.close();
            throw e;
        }
        BlockingServer server = new BlockingServer(options, blockingOptions, limits, clientBuffers, plugins, listener,
                metrics, logging);
        server.acceptThread.start();
        logging.started(server.model(), server.localAddress(), server.effectiveBacklog());
        return server;
    }

    @Override
    public String model() {
        return model.cliName();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public int effectiveBacklog() {
        return standardInfo.effectiveBacklog();
    }

    @Override
    public boolean isAccepting() {
        return !stopping.get() && !listener.isClosed();
    }

    @Override
    public void stop(Duration drainTimeout) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStoppedUninterruptibly();
            return;
        }
        try {
            closeListener();
            connections.beginDrain();
            runner.shutdown();
            if (!connections.awaitEmpty(System.nanoTime() + drainTimeout.toNanos())) {
                log.warn("{} connection(s) still busy after the drain timeout of {}; answering "
                        + "'-ERR server shutting down' and closing them", connections.size(),
                        DurationConverter.format(drainTimeout));
                connections.forEachOpen(ConnectionHandler::giveUp);
                if (!connections.awaitEmpty(System.nanoTime() + GIVE_UP_GRACE.toNanos())) {
                    connections.forEachOpen(ConnectionHandler::abort);
                    connections.awaitEmpty(System.nanoTime() + FORCED_CLOSE_GRACE.toNanos());
                }
            }
            if (!runner.awaitTermination(FORCED_CLOSE_GRACE)) {
                log.warn("{} model threads did not end within {}", model(), DurationConverter.format(FORCED_CLOSE_GRACE));
            }
            acceptThread.join(FORCED_CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runner.close();
            logging.close(); // last: every connection has logged its close by now
            stopped.countDown();
        }
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** The accept thread: waits for a free connection slot, accepts, hands over; in the serial model it also serves. */
    private void acceptLoop() {
        try {
            while (!listener.isClosed() && connections.awaitSlot()) {
                Socket socket = acceptOrBackOff();
                if (socket != null) {
                    handOver(socket);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a forced stop interrupted the serial model's connection
        }
    }

    /** One accept(); null after a failure, which is counted, logged at most once a second, and waited out briefly. */
    private Socket acceptOrBackOff() throws InterruptedException {
        try {
            return listener.accept();
        } catch (IOException e) {
            connections.releaseSlot();
            if (!listener.isClosed()) {
                metrics.connectionRejected(MeterNames.REASON_ACCEPT_ERROR);
                logging.accessLog().acceptFailed(e.getMessage());
                acceptErrors.warn("accept() failed: " + e.getMessage() + ", with " + connections.size()
                        + " connections open; pausing accepts for " + ACCEPT_ERROR_BACKOFF.toMillis()
                        + " ms (for 'Too many open files', raise ulimit -n or lower the load)");
                Thread.sleep(ACCEPT_ERROR_BACKOFF);
            }
            return null;
        }
    }

    private void handOver(Socket socket) {
        AccessLog accessLog = logging.accessLog();
        // getRemoteSocketAddress() allocates, so it is only asked when the access log is on.
        ConnectionLog connection = accessLog.isOn() ? accessLog.opened(socket.getRemoteSocketAddress()) : ConnectionLog.OFF;
        ConnectionHandler handler = new ConnectionHandler(socket, executor, limits, readTimeouts, clientBuffers,
                metrics, connection,
                connections::unregister);
        if (!connections.register(handler)) {
            handler.close(); // the server began to stop after this accept
            return;
        }
        try {
            socket.setTcpNoDelay(true); // replies are flushed once per batch already; Nagle would only delay them
            runner.run(handler);
        } catch (IOException | RuntimeException e) {
            log.warn("could not serve a new connection from {}: {}", socket.getRemoteSocketAddress(), e.toString());
            handler.close();
        }
    }

    private Map<String, Object> infoFields() {
        Map<String, Object> fields = standardInfo.fields();
        fields.put("threads_virtual", runner.liveVirtualThreads());
        fields.put("max_connections", options.maxConnections);
        fields.put("idle_timeout", DurationConverter.format(blockingOptions.idleTimeout));
        runner.addInfo(fields);
        return fields;
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the listener failed: {}", e.toString());
        }
    }

    private void awaitStoppedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
