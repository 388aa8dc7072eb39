package org.c10klab.protocol.server;

import java.io.IOException;
import java.io.PrintStream;
import org.c10klab.protocol.observe.MetricsHttpServer;
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
                : new MetricsHttpServer(options.bind, options.metricsPort, server.metrics(), server::isAccepting);
        // A signal handler rather than a shutdown hook: after a hook the JVM exits 143, not 0.
        SignalHandler gracefulStop = signal ->
                Thread.ofPlatform().name("graceful-stop").start(() -> server.stop(options.drainTimeout));
        Signal.handle(new Signal("TERM"), gracefulStop);
        Signal.handle(new Signal("INT"), gracefulStop);

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

    private static String hostPort(LabServer server) {
        return server.localAddress().getAddress().getHostAddress() + ":" + server.localAddress().getPort();
    }
}
