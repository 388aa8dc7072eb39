package org.c10klab.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.c10klab.server.observe.MetricsHttpServer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What every model does around its accept loop when run from the command line: the metrics
 * endpoint, the LISTENING line, and a graceful stop on SIGTERM or SIGINT.
 */
public final class ServerRunner {

    private ServerRunner() {
    }

    /**
     * Serves until the JVM is asked to stop, then drains and returns.
     *
     * @param server  a started server
     * @param options the options it was started with
     * @param out     where the LISTENING line goes (stdout)
     * @return the process exit code: 0 after a graceful stop
     */
    public static int serve(LabServer server, ServerOptions options, PrintStream out)
            throws IOException, InterruptedException {
        MetricsHttpServer http = options.metricsPort < 0 ? null
                : new MetricsHttpServer(options.bind, options.metricsPort, server.metrics()::scrape,
                        server::isAccepting, Map.of());
        stopOnSignal(() -> server.stop(options.drainTimeout));

        out.println(new ListeningLine(server.model(), hostPort(server), http == null ? "off" : http.address(),
                server.effectiveBacklog(), ProcessHandle.current().pid()).format());
        out.flush();

        server.awaitStopped();
        if (http != null) {
            http.close();
        }
        server.metrics().close();
        return 0;
    }

    /**
     * Runs {@code gracefulStop} on its own thread at SIGTERM or SIGINT, instead of ending the JVM. A
     * signal handler rather than a shutdown hook: after a hook the JVM exits 143, not 0.
     */
    public static void stopOnSignal(Runnable gracefulStop) {
        SignalHandler handler = signal -> Thread.ofPlatform().name("graceful-stop").start(gracefulStop);
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    private static String hostPort(LabServer server) {
        return server.localAddress().getAddress().getHostAddress() + ":" + server.localAddress().getPort();
    }
}
