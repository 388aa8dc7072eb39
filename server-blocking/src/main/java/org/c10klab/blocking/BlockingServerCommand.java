package org.c10klab.blocking;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.ServerRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k server blocking}: runs one of the thread models until SIGTERM or SIGINT. */
@Command(name = "blocking", mixinStandardHelpOptions = true,
        description = {
            "Run a blocking-socket server with one of the thread models:",
            "  serial   one thread serves one connection at a time; the rest wait in backlog",
            "  threads  a new platform thread per connection",
            "  pool     --pool-size platform threads, admitted within --admission-timeout",
            "  virtual  a new virtual thread per connection",
            "SLEEP blocks the connection's own thread; WORK burns CPU on it."
        })
public final class BlockingServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Mixin
    BlockingOptions blockingOptions;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BlockingServerCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BlockingServer server;
        try {
            server = BlockingServer.start(options, blockingOptions);
        } catch (IllegalArgumentException e) {
            // start() validates before it binds, so this is a bad option: show it with the usage.
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            // The port is taken, a plugin cannot load or a log file cannot be written: one line says so
            // better than a stack trace.
            spec.commandLine().getErr().println("blocking: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        return ServerRunner.serve(server, options, System.out);
    }
}
