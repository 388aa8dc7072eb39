package org.c10klab.harness.cli;

import java.util.concurrent.Callable;
import org.c10klab.balancer.BalancerCommand;
import org.c10klab.blocking.BlockingServerCommand;
import org.c10klab.netty.NettyServerCommand;
import org.c10klab.server.transport.LeakDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code c10k} command line: servers, the load balancer, the load driver, and the experiments built on them. */
@Command(name = "c10k", mixinStandardHelpOptions = true, version = "c10k-lab 0.1.0",
        description = "A laboratory for the C10K question: what happens to a server when 10, 200, "
                + "10 000 clients arrive at once, and which concurrency model holds.",
        subcommands = {
            C10k.ServerCommand.class,
            FloodCommand.class,
            MergeCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            BacklogCommand.class,
            LabCommand.class,
            DiffCommand.class,
            BalancerCommand.class,
            MetricsReferenceCommand.class,
        })
public final class C10k implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LeakDetection.turnOffUnlessSet(); // for every command: servers, balancer, floods; tests keep it on
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new C10k()).setParameterExceptionHandler(new UsageErrorHandler());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** {@code c10k server netty|blocking}: run one server model in this process. */
    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Run a server: the event loop (netty) or a thread model (blocking --model ...).",
            subcommands = {NettyServerCommand.class, BlockingServerCommand.class})
    static final class ServerCommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.err);
            return 2;
        }
    }
}
