package org.c10klab.netty;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.c10klab.server.ServerOptions;
import org.c10klab.server.ServerRunner;
import org.c10klab.server.transport.LeakDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k server netty}: runs the event-loop model until SIGTERM or SIGINT. */
@Command(name = "netty", mixinStandardHelpOptions = true,
        description = "Run the event-loop model: Netty 4.2 on io_uring, epoll or NIO; a waiting connection "
                + "holds no thread, SLEEP is a timer on its event loop.")
public final class NettyServerCommand implements Callable<Integer> {

    @Mixin
    ServerOptions options;

    @Mixin
    NettyOptions nettyOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NettyServer server;
        try {
            // The transport line is printed once bound, before the start event, so it stays stderr's first line.
            server = NettyServer.start(options, nettyOptions,
                    transport -> spec.commandLine().getErr().println(transport.describe()));
        } catch (IllegalArgumentException e) {
            // A bad option value or an unavailable transport: the user's to fix, so no stack trace.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            // Most often the port is taken; one line says so better than a stack trace.
            spec.commandLine().getErr().println("netty: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        return ServerRunner.serve(server, options, System.out);
    }

    public static void main(String[] args) {
        LeakDetection.turnOffUnlessSet();
        System.exit(new CommandLine(new NettyServerCommand()).execute(args));
    }
}
