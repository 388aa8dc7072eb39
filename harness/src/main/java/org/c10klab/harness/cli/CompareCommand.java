package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.c10klab.harness.experiment.CompareDefaults;
import org.c10klab.harness.experiment.ComparePlan;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.Comparison;
import org.c10klab.harness.experiment.LiveTargets;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.harness.report.CompareFormat;
import org.c10klab.harness.report.CompareProgress;
import org.c10klab.harness.report.CompareTable;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.run.FailedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k compare}: the same flood against every model, each in its own JVM, side by side, with a verdict. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start each model (netty, virtual, threads, pool, serial) in its own JVM on ephemeral ports, warm it up, "
                    + "hit it with the same flood, stop it; do that --repeat times per model in interleaved rounds, "
                    + "and put the results side by side (median [min-max] over the trials) with a verdict that "
                    + "claims a difference only where it holds beyond the trials' noise (Welch's t-test on the "
                    + "logarithms, Holm-corrected over every claim at 1%%).",
            "Default flood: " + CompareDefaults.CONNECTIONS + " connections at once, each sending "
                    + CompareDefaults.REQUESTS + " x " + CompareDefaults.COMMAND + " (I/O wait), connect timeout "
                    + FloodDefaults.CONNECT_TIMEOUT + ", response timeout " + FloodDefaults.RESPONSE_TIMEOUT
                    + "; serial is capped at " + CompareDefaults.SERIAL_CAP + " and pool runs "
                    + CompareDefaults.POOL_SIZE + " threads. Every flood option below changes it.",
        },
        footer = {
            "",
            "Writes into --out: compare.json (with every trial and every claim), compare.csv (a row per trial), "
                    + "report.html, and each trial's results in a folder of its own (netty/trial-1, ...).",
            "Failed requests are results, not errors: serial failing a burst is the lesson. Use --assert to turn "
                    + "them into a failing exit code.",
            "Exit codes: 0 every model ran and every --assert passed; 1 an --assert failed for some model; "
                    + "2 bad usage; 3 a model could not be run (its server did not start or stop, or the harness "
                    + "failed), or no trial made a connection or had a request succeed; 130 stopped by Ctrl-C or SIGTERM (what was measured is still printed and written, "
                    + "marked partial).",
            "Examples:",
            "  c10k compare",
            "  c10k compare --models netty,netty      (A/A: what noise looks like on this machine)",
            "  c10k compare --models netty,virtual,threads -c 2000 --command \"SLEEP 1000\"",
            "  c10k compare --command \"WORK 200\" -n 50 --pipeline 4",
        })
public final class CompareCommand implements Callable<Integer> {

    /** The target each flood starts with; every model replaces it with its server's ephemeral address. */
    static final String EPHEMERAL_TARGET = "127.0.0.1:0";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    FloodOptions flood;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ComparePlan plan;
        List<Threshold> thresholds;
        Path out;
        LiveTargets liveTargets;
        try {
            plan = plan();
            thresholds = flood.thresholds();
            out = experiment.outDirectory("compare");
            liveTargets = experiment.liveTargets();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        CompareTable.printPlan(plan, stdout);
        stdout.flush();
        Comparison comparison = new Comparison(plan, thresholds,
                CompareProgress.onStderr(spec.commandLine().getErr(), flood.quiet, plan.flood().connections()),
                liveTargets);
        CompareResult result;
        try (liveTargets; StopOnSignal ignored = new StopOnSignal(comparison::stop)) {
            result = comparison.run(ShellCommand.of("compare", spec.commandLine().getParseResult().expandedArgs()));
        }
        CompareTable.print(result, stdout);
        CompareFormat.writeAll(result, out);
        stdout.println("results and report.html written to " + out.toAbsolutePath());
        stdout.flush();
        Optional<String> failed = everyFloodFailed(result.trials());
        failed.ifPresent(reason -> spec.commandLine().getErr().println("c10k compare: " + reason));
        return exitCode(result.partial(), result.anyFailedToRun() || failed.isPresent(), result.checksPassed());
    }

    /**
     * The comparison {@code c10k compare ARGS} describes, without running it; sweep builds one per value this way.
     *
     * @throws IllegalArgumentException when the arguments are not a valid comparison
     */
    static ComparePlan parsePlan(List<String> args) {
        CompareCommand command = new CompareCommand();
        try {
            new CommandLine(command).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.plan();
    }

    /**
     * Why every flood that ran failed as a whole (no connection, or no request succeeded), naming the first; empty
     * when some flood succeeded or none ran. Failed requests in some trials are results; in all of them, the
     * experiment measured nothing.
     */
    static Optional<String> everyFloodFailed(List<ModelRun> trials) {
        List<ModelRun> flooded = trials.stream().filter(run -> run.artifacts() != null).toList();
        List<String> reasons = flooded.stream()
                .flatMap(run -> FailedRun.reason(run.artifacts().result()).map(r -> run.label() + ": " + r).stream())
                .toList();
        if (flooded.isEmpty() || reasons.size() < flooded.size()) {
            return Optional.empty();
        }
        return Optional.of("every trial failed as a whole, e.g. " + reasons.getFirst());
    }

    /** The exit code of a finished comparison, or of a sweep of them, as the footer documents. */
    static int exitCode(boolean partial, boolean anyFailedToRun, boolean checksPassed) {
        if (partial) {
            return ExitCode.INTERRUPTED;
        }
        if (anyFailedToRun) {
            return ExitCode.FAILED;
        }
        return checksPassed ? ExitCode.OK : ExitCode.ASSERT_FAILED;
    }

    private ComparePlan plan() {
        flood.useCompareScenario(spec.commandLine().getParseResult());
        return experiment.plan(flood.config(EPHEMERAL_TARGET), flood.sampleInterval);
    }
}
