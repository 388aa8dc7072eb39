package org.c10klab.harness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * Subcommands that are designed but not built yet: each says so, points to what works today, and
 * exits 1 instead of pretending to run.
 */
abstract class PlannedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    String[] ignored;

    @Override
    public Integer call() {
        System.err.println("c10k " + spec.name() + " is planned but not built yet. Until it lands, run a "
                + "server with 'c10k server netty' or 'c10k server blocking --model virtual' and measure "
                + "it with 'c10k flood --target 127.0.0.1:7379'.");
        return 1;
    }

    @Command(name = "balancer", description = "(not built yet) A round-robin TCP load balancer with health checks.")
    static final class Balancer extends PlannedCommand {
    }
}
