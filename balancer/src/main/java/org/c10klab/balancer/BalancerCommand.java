package org.c10klab.balancer;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.ListeningLine;
import org.c10klab.server.ServerRunner;
import org.c10klab.server.transport.LeakDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k balancer}: runs the load balancer until SIGTERM or SIGINT. */
@Command(name = "balancer", mixinStandardHelpOptions = true,
        description = "Run a TCP load balancer in front of lab servers: each client connection goes to one "
                + "healthy backend (round-robin or least-connections); backends are checked with PING and "
                + "skipped while down; /metrics and /status on the metrics port.")
public final class BalancerCommand implements Callable<Integer> {

    @Mixin
    BalancerOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BalancerServer server;
        try {
            server = BalancerServer.start(options);
        } catch (IllegalArgumentException e) {
            // A bad option value, a remote backend or an unavailable transport: the user's to fix.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            // Most often the port is taken; one line says so better than a stack trace.
            spec.commandLine().getErr().println("balancer: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        spec.commandLine().getErr().println(server.transportSelection().describe());
        spec.commandLine().getErr().println("balancer: " + server.pool().strategy().cliName() + " over "
                + server.pool().backends().stream().map(Backend::label).collect(Collectors.joining(", "))
                + "; health check: PING every " + DurationConverter.format(options.healthInterval) + ", timeout "
                + DurationConverter.format(options.healthTimeout) + ", down after " + options.fall
                + " failures, up after " + options.rise + " passes");
        ServerRunner.stopOnSignal(server::stop);

        System.out.println(new ListeningLine(BalancerServer.MODEL, hostPort(server), server.metricsAddress(),
                server.effectiveBacklog(), ProcessHandle.current().pid()).format());
        System.out.flush();
        server.awaitStopped();
        return 0;
    }

    public static void main(String[] args) {
        LeakDetection.turnOffUnlessSet();
        System.exit(new CommandLine(new BalancerCommand()).execute(args));
    }

    private static String hostPort(BalancerServer server) {
        return server.localAddress().getAddress().getHostAddress() + ":" + server.localAddress().getPort();
    }
}
