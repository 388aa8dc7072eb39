package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.c10klab.harness.experiment.LabExperiment;
import org.c10klab.harness.experiment.LabPlan;
import org.c10klab.harness.experiment.LabResult;
import org.c10klab.harness.experiment.LabRun;
import org.c10klab.harness.report.LabCsv;
import org.c10klab.harness.report.LabReport;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.harness.report.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code c10k lab}: the classic backlog and concurrency lab, run on this machine and answered with its numbers. */
@Command(name = "lab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "The classic university lab on backlog and concurrency, run and answered with this machine's numbers.",
            "Stages: (1) a serial server and 3 clients; "
                    + "(2) serial with backlog 1 and a 10 s SLEEP against 10 nervous clients (2 s connect timeout); "
                    + "(3) thread per connection and (4) an event loop with the same clients; (5) 200 clients at "
                    + "once against the event loop, virtual threads and thread per connection.",
            "Every run is tried --repeat times in interleaved rounds, each trial with a fresh server; the answers give "
                    + "each figure's spread over the trials and say from the kernel's evidence (its counters, and the "
                    + "server port's sockets in /proc/net/tcp) why stage 2's trials differ.",
            "Prints the answers (backlog and refused connections; resource cost of threads vs the event loop; the "
                    + "200-connection challenge) and writes lab.md, lab.json and lab.csv. Each trial takes as long as a "
                    + "run did alone: with 3 trials 6.5 minutes on a busy 2-core machine, --quick (1 trial) 1.5.",
        },
        footer = {
            "",
            "Exit codes: 0 done; 2 bad usage; 3 a server failed to start; 130 stopped by Ctrl-C (finished trials are "
                    + "still reported).",
        })
public final class LabCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick",
            description = "Every sleep and timeout a fifth as long (SLEEP 2s instead of 10s), for tests and a "
                    + "first look.")
    boolean quick;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE", defaultValue = "1,2,3,4,5",
            description = "Run only these stages (default: all, ${DEFAULT-VALUE}).")
    List<Integer> stages;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Trials per run, each with a fresh server, in interleaved rounds (default: 3; with --quick "
                    + "1, to stay quick). At least 3 to see the spread; 1 is an anecdote.")
    Integer repeat;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where lab.md, lab.json and lab.csv go (default: results/lab-<date>-<time>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LabExperiment experiment;
        try {
            OutputFolder.requireUsable(out);
            LabPlan plan = quick ? LabPlan.quick() : LabPlan.standard();
            experiment = new LabExperiment(plan, stages, repeat != null ? repeat : plan.defaultRepeat());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LabResult result;
        try (StopOnSignal ignored = new StopOnSignal(experiment::stop)) {
            result = experiment.run(new Progress(stderr, quiet));
        } catch (IOException e) {
            stderr.println("c10k lab: " + e.getMessage());
            return ExitCode.FAILED;
        }
        String report = LabReport.markdown(result);
        stdout.print(report);
        Path directory = out != null ? out : OutputFolder.timestamped("lab");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("lab.md"), report, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("lab.json"), ResultJson.mapper().writeValueAsString(result),
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("lab.csv"), LabCsv.write(result), StandardCharsets.UTF_8);
        stdout.println("lab.md, lab.json and lab.csv written to " + directory.toAbsolutePath());
        stdout.flush();
        return result.partial() ? ExitCode.INTERRUPTED : ExitCode.OK;
    }

    /** One line per trial on stderr as it starts and ends, with the live flood line between on a terminal. */
    private static final class Progress extends LiveProgress implements LabExperiment.Listener {

        Progress(PrintWriter stderr, boolean quiet) {
            super(stderr, quiet);
        }

        @Override
        public void runStarting(int stage, String what, int trial) {
            starting(0, "[stage %d] %s, trial %d ...%n", stage, what, trial);
        }

        @Override
        public void runFinished(LabRun run) {
            endLiveLine();
            if (quiet) {
                return;
            }
            stderr.printf(Locale.ROOT, "          served %d of %d, connected %d%n", run.served(), run.clients(),
                    run.connected());
            stderr.flush();
        }
    }
}
