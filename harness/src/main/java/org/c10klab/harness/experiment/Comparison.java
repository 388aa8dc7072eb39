package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.RunInfo;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.DurationConverter;

/**
 * {@code c10k compare}'s engine: each model of a plan in turn, in its own JVM, under the same flood. A model
 * that fails to start or to run is recorded and the next one runs; Ctrl-C ({@link #stop()}) ends the turn in
 * progress, skips the rest, and still returns what was measured.
 */
public final class Comparison {

    /** How a server's exit code reads when {@code ServerProcess} had to kill it: 128 + SIGKILL. */
    private static final int KILLED = 137;

    private final ComparePlan plan;
    private final List<Threshold> thresholds;
    private final CompareListener listener;
    private volatile boolean stopped;
    private volatile ModelTrial current;

    /**
     * @param thresholds checked against every model's result, as {@code --assert} is by {@code c10k flood}
     */
    public Comparison(ComparePlan plan, List<Threshold> thresholds, CompareListener listener) {
        this.plan = plan;
        this.thresholds = List.copyOf(thresholds);
        this.listener = listener;
    }

    /**
     * Runs every model's turn.
     *
     * @param command the command line that reproduces this comparison, for the reports
     */
    public CompareResult run(String command) throws InterruptedException {
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        List<ModelRun> runs = new ArrayList<>();
        for (int i = 0; i < plan.models().size(); i++) {
            ModelSetup setup = plan.models().get(i);
            if (stopped) {
                runs.add(ModelRun.without(setup, RunStatus.SKIPPED, "stopped before its turn"));
                continue;
            }
            listener.starting(setup, i, plan.models().size());
            ModelRun run = turn(setup);
            runs.add(run);
            listener.finished(run);
        }
        double elapsedSeconds = Rounding.thousandths((System.nanoTime() - startNanos) / 1e9);
        return new CompareResult(command, startedAt.toString(), elapsedSeconds, stopped, EnvironmentProbe.probe(),
                plan, runs, Verdict.of(plan, runs));
    }

    /** Ctrl-C: stops the flood in progress and skips the models after it. Any thread. */
    public void stop() {
        stopped = true;
        ModelTrial trial = current;
        if (trial != null) {
            trial.stop();
        }
    }

    private ModelRun turn(ModelSetup setup) throws InterruptedException {
        ModelTrial trial = new ModelTrial(setup.model(), setup.serverArgs());
        // Published before the flag is read, and stop() sets the flag before it reads this: one of them sees the other.
        current = trial;
        if (stopped) {
            trial.stop();
        }
        Duration cap = plan.capOf(setup.model());
        try {
            ModelTrial.Outcome outcome = trial.run(plan.warmup(), plan.flood(), cap,
                    new SamplingOptions(null, null, plan.sampleInterval()), listener::sample);
            RunStatus status = status(outcome);
            FloodResult measured = status == RunStatus.CAPPED
                    ? capped(outcome.artifacts().result(), setup.model(), cap) : outcome.artifacts().result();
            FloodResult result = measured.withChecks(thresholds.stream().map(t -> t.evaluate(measured)).toList());
            return new ModelRun(setup, status, detail(status, outcome, cap), outcome.server(),
                    outcome.serverExitCode(), ModelSummary.of(result, plan.requestsPlanned()),
                    outcome.artifacts().withResult(result));
        } catch (IOException e) {
            // Ctrl-C in a terminal reaches the child too, so a server starting just then may die of it.
            return stopped
                    ? ModelRun.without(setup, RunStatus.INTERRUPTED, "stopped by Ctrl-C while its server started")
                    : ModelRun.without(setup, RunStatus.SERVER_FAILED, e.getMessage());
        } catch (RuntimeException e) {
            return ModelRun.without(setup, RunStatus.ERROR, e.toString());
        } finally {
            current = null;
        }
    }

    private RunStatus status(ModelTrial.Outcome outcome) {
        if (outcome.serverExitCode() != 0) {
            return RunStatus.SERVER_FAILED;
        }
        if (!outcome.artifacts().result().run().partial()) {
            return RunStatus.COMPLETED;
        }
        // Partial, and not by Ctrl-C: only the cap stops a flood otherwise.
        return stopped ? RunStatus.INTERRUPTED : RunStatus.CAPPED;
    }

    /** What went wrong, or what stopped the run early, in one sentence; null for a completed run. */
    static String detail(RunStatus status, ModelTrial.Outcome outcome, Duration cap) {
        return switch (status) {
            case SERVER_FAILED -> outcome.serverExitCode() == KILLED
                    ? "the server did not stop within " + DurationConverter.format(ServerProcess.STOP_TIMEOUT)
                            + " of SIGTERM and was killed"
                    : "the server exited with code " + outcome.serverExitCode() + " instead of stopping gracefully; "
                            + "its last stderr line: " + outcome.serverLastWords();
            case INTERRUPTED -> "stopped by Ctrl-C";
            case CAPPED -> "stopped at its " + DurationConverter.format(cap) + " cap";
            default -> null;
        };
    }

    // The flood was stopped the way Ctrl-C stops one, so its result says "interrupted"; say what really happened.
    private static FloodResult capped(FloodResult result, LabModel model, Duration cap) {
        RunInfo run = result.run();
        RunInfo cappedRun = new RunInfo(run.startedAt(), run.elapsedSeconds(), true, "capped", run.transport(),
                run.transportReason(), run.threads(), run.sampleIntervalMs());
        List<String> notes = new ArrayList<>();
        notes.add("capped: " + model + "'s flood was stopped after " + DurationConverter.format(cap)
                + " (--serial-cap) so it could not run for minutes; requests still waiting then count as cancelled.");
        notes.addAll(result.notes());
        return new FloodResult(result.config(), result.environment(), cappedRun, result.connections(),
                result.requests(), result.accounting(), result.requestsPerSecond(), result.connectLatency(),
                result.requestLatency(), result.target(), result.listenQueue(), notes, result.checks(),
                result.timeline());
    }
}
