package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.LiveTargets;
import org.c10klab.harness.experiment.Sweep;
import org.c10klab.harness.experiment.SweepResult;
import org.c10klab.harness.experiment.SweepStep;
import org.c10klab.harness.report.CompareProgress;
import org.c10klab.harness.report.SweepFormat;
import org.c10klab.harness.report.SweepTable;
import org.c10klab.harness.report.Threshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k sweep}: {@code compare} once per value of one parameter, with the results as a matrix and charts. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run compare once for each value of one parameter and put the results side by side: a matrix of "
                    + "models by values, and charts such as p99 and threads against the value, one line per model.",
            "Every option of compare applies to every value; the varied one is set by --vary alone.",
        },
        footer = {
            "",
            "Writes into --out: sweep.json, sweep.csv (a row per value and trial), sweep.html, and a folder per "
                    + "value holding that comparison's own files and report.html.",
            "--repeat applies to every value: N trials per model there, interleaved, with its own claims.",
            "A parameter that only one model takes (io-threads, transport: netty; carriers: virtual; pool-size: "
                    + "pool) runs only that model.",
            "Exit codes: as compare: 0, 1 an --assert failed, 2 bad usage, 3 a model could not be run or no trial "
                    + "succeeded at all, 130 Ctrl-C.",
            "Examples:",
            "  c10k sweep --vary connections=10,200",
            "  c10k sweep --vary connections=100,1000,5000 --models netty,virtual,threads --command \"SLEEP 1000\"",
            "  c10k sweep --vary command=\"PING,SLEEP 10,WORK 500\" --models netty,virtual",
            "  c10k sweep --vary transport=nio,epoll,io_uring -c 1000 -n 20",
            "  c10k sweep --vary store-max-entries=100,1000,10000 --models netty --command \"GET __key__:weight=9\" "
                    + "--command \"SET __key__ __value__\" --keyspace 10000 --key-distribution zipf --value-size 100",
        })
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vary", required = true, paramLabel = "NAME=V1,V2,...",
            description = "The parameter and its values, in the order to run them. NAME is one of: connections, "
                    + "requests, command, pipeline, backlog, io-threads, transport, carriers, pool-size, keyspace, "
                    + "store-max-entries.")
    String vary;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    FloodOptions flood;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SweepParameter parameter;
        List<SweepStep> steps;
        List<Threshold> thresholds;
        Path out;
        LiveTargets liveTargets;
        try {
            if (vary.indexOf('=') < 1) {
                throw new IllegalArgumentException("--vary " + vary + ": expected NAME=V1,V2,... with NAME one of: "
                        + SweepParameter.names());
            }
            parameter = SweepParameter.fromCliName(vary.substring(0, vary.indexOf('=')));
            steps = steps(parameter, values(), stderr);
            thresholds = flood.thresholds();
            out = experiment.outDirectory("sweep");
            liveTargets = experiment.liveTargets();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SweepTable.printPlan(parameter.cliName(), steps, stdout);
        stdout.flush();
        Sweep sweep = new Sweep(parameter.cliName(), parameter.numeric(), steps, thresholds,
                CompareProgress.onStderr(stderr, flood.quiet, steps.getFirst().plan().flood().connections()),
                liveTargets);
        SweepResult result;
        try (liveTargets; StopOnSignal ignored = new StopOnSignal(sweep::stop)) {
            result = sweep.run(ShellCommand.of("sweep", spec.commandLine().getParseResult().expandedArgs()));
        }
        SweepTable.print(result, stdout);
        SweepFormat.writeAll(result, out);
        stdout.println("results and sweep.html written to " + out.toAbsolutePath());
        stdout.flush();
        Optional<String> failed = CompareCommand.everyFloodFailed(
                result.cells().stream().flatMap(cell -> cell.result().trials().stream()).toList());
        failed.ifPresent(reason -> stderr.println("c10k sweep: " + reason));
        return CompareCommand.exitCode(result.partial(), result.anyFailedToRun() || failed.isPresent(),
                result.checksPassed());
    }

    private List<String> values() {
        List<String> values = new ArrayList<>();
        for (String value : vary.substring(vary.indexOf('=') + 1).split(",")) {
            if (!value.isBlank() && !values.contains(value.trim())) {
                values.add(value.trim());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("--vary " + vary + ": no values (expected NAME=V1,V2,...)");
        }
        return values;
    }

    /** One comparison per value: this command's own arguments, with the varied option set to the value. */
    private List<SweepStep> steps(SweepParameter parameter, List<String> values, PrintWriter stderr) {
        ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption(parameter.option())) {
            throw new IllegalArgumentException("--vary " + parameter.cliName() + " sets " + parameter.option()
                    + " for every value; do not give " + parameter.option() + " as well");
        }
        List<LabModel> asked = experiment.models.isEmpty() ? List.of(LabModel.values()) : experiment.models;
        // Not distinct: a model named twice is an A/A check at every value.
        List<String> models = asked.stream().filter(parameter::affects).map(LabModel::cliName).toList();
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--vary " + parameter.cliName() + " changes nothing for "
                    + asked.stream().map(LabModel::cliName).toList() + "; it only affects "
                    + List.of(LabModel.values()).stream().filter(parameter::affects).map(LabModel::cliName).toList());
        }
        if (!experiment.models.isEmpty() && models.size() < asked.size()) {
            stderr.println("note: --vary " + parameter.cliName() + " only affects " + String.join(", ", models)
                    + "; the other models are left out of the sweep.");
        }
        List<String> base = withoutOptions(given.expandedArgs(), Set.of("--vary", "--models", "--out"));
        List<SweepStep> steps = new ArrayList<>();
        for (String value : values) {
            List<String> args = new ArrayList<>(base);
            args.addAll(List.of("--models", String.join(",", models), parameter.option(), value));
            steps.add(new SweepStep(value, CompareCommand.parsePlan(args), ShellCommand.of("compare", args)));
        }
        return steps;
    }

    /** {@code args} without the options named, in either form: {@code --name VALUE} or {@code --name=VALUE}. */
    private static List<String> withoutOptions(List<String> args, Set<String> names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            if (names.contains(arg)) {
                i++;
            } else if (eq < 0 || !names.contains(arg.substring(0, eq))) {
                kept.add(arg);
            }
        }
        return kept;
    }
}
