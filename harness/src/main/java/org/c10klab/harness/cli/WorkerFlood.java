package org.c10klab.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.c10klab.harness.launch.FloodWorkers;
import org.c10klab.harness.launch.WorkerJit;
import org.c10klab.harness.merge.FloodMerge;
import org.c10klab.harness.merge.SegmentOutput;
import org.c10klab.harness.merge.SegmentSet;
import org.c10klab.harness.report.MergedReport;
import org.c10klab.harness.report.ProgressPrinter;
import org.c10klab.harness.report.ResultFormat;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.MergedSegments;
import org.c10klab.harness.run.RunArtifacts;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code flood --workers N}: the flood as its N segments, each {@code c10k flood --segment I/N} in a child JVM of
 * its own (its own open-file limit, and on a loopback target its own source addresses), started together,
 * shown as one progress line and merged at the end as {@code c10k merge} would.
 */
final class WorkerFlood {

    /**
     * How long after launch the workers start together, for each worker a core runs: time for its JVM to start and
     * warm up. Six workers on 2 cores needed 13-14 s, so a flat 5 s started them 8-9 s late, together only because
     * they had shared the cores evenly.
     */
    static final Duration START_DELAY_PER_WAVE = Duration.ofSeconds(5);
    /** Options the parent keeps for itself: the workers get their segment, start and folder instead. */
    private static final Set<String> NOT_PASSED_ON = Set.of("--workers", "--segment", "--start-at", "--out",
            "--assert", "--quiet", "--metrics-port");

    private WorkerFlood() {
    }

    /**
     * Runs the workers and merges their results.
     *
     * @param given       the parent's command line, whose flood options every worker gets
     * @param connections the whole flood's connections, for the progress line
     * @param out         where the merged result and each worker's folder go, or null for nowhere
     * @return the exit code: 0, 1 when a threshold failed or a worker failed, 130 when stopped
     */
    static int run(ParseResult given, int workers, int connections, Instant startAt, Path out,
                   List<Threshold> thresholds, boolean quiet, PrintWriter stdout, PrintWriter stderr)
            throws IOException, InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        Instant start = startAt != null ? startAt : Instant.now().plus(startDelay(workers, cores));
        Path folders = out != null ? out : Files.createTempDirectory("c10k-workers");
        List<List<String>> args = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            List<String> worker = passedOn(given);
            worker.addAll(List.of("--segment", i + "/" + workers, "--start-at", start.toString(),
                    "--out", folder(folders, i).toString()));
            args.add(worker);
        }
        if (WorkerJit.c1Only(workers, cores) && !quiet) {
            stderr.println("flood: " + workers + " workers on " + cores + " cores compile with C1 alone, so that their "
                    + "optimizing compilers leave the cores to the floods");
        }
        ProgressPrinter progress = new ProgressPrinter(stderr, ProgressPrinter.stderrIsTerminal(), connections);
        List<Integer> codes;
        boolean stopped;
        try (FloodWorkers running = FloodWorkers.start(args, quiet ? point -> { } : progress, stderr);
             StopOnSignal ignored = new StopOnSignal(running::stop)) {
            codes = running.awaitExit();
            stopped = codes.contains(ExitCode.INTERRUPTED);
            for (int i = 0; i < workers; i++) {
                int code = codes.get(i);
                // A worker that measured nothing (3) still wrote its results: the merged whole is judged below.
                if (code != ExitCode.OK && code != ExitCode.FAILED && code != ExitCode.INTERRUPTED) {
                    stderr.println("flood: worker " + i + " exited with " + code + ": " + running.lastLine(i));
                    stderr.flush();
                    return ExitCode.FAILED;
                }
            }
        } finally {
            progress.finish();
        }
        List<SegmentOutput> outputs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            if (Files.exists(folder(folders, i).resolve(ResultFormat.JSON.fileName()))) {
                outputs.add(SegmentOutput.read(folder(folders, i)));
            }
        }
        SegmentSet set = SegmentSet.of(outputs, stopped);
        RunArtifacts merged = FloodMerge.merge(set);
        FloodResult measured = merged.result();
        FloodResult result = measured.withChecks(thresholds.stream().map(t -> t.evaluate(measured)).toList());
        MergedSegments table = FloodMerge.table(set);
        MergedReport.print(merged.withResult(result), table, stdout);
        if (out != null) {
            MergedReport.write(merged.withResult(result), table, out);
            stdout.println("results written to " + out.toAbsolutePath() + " (each worker's in worker-I/)");
        } else {
            deleteTree(folders);
        }
        stdout.flush();
        return ExitCode.of(result, true, "flood", stderr);
    }

    /** When {@code workers} workers on {@code cores} cores start after launch: 5 s for each worker a core runs. */
    static Duration startDelay(int workers, int cores) {
        return START_DELAY_PER_WAVE.multipliedBy(Math.ceilDiv(workers, cores));
    }

    /** The parent's options as typed, but those it keeps for itself. */
    static List<String> passedOn(ParseResult given) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : given.matchedOptions()) {
            if (NOT_PASSED_ON.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
            } else {
                for (String value : option.originalStringValues()) {
                    args.add(option.longestName());
                    args.add(value);
                }
            }
        }
        return args;
    }

    private static Path folder(Path folders, int worker) {
        return folders.resolve("worker-" + worker);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
