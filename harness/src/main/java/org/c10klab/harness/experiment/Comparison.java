package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.record.MachineLoad;
import org.c10klab.harness.report.Threshold;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.Rounding;
import org.c10klab.harness.result.RunInfo;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.harness.stats.Claim;
import org.c10klab.server.DurationConverter;

/**
 * {@code c10k compare}'s engine: every model of a plan, {@code repeat} times each in interleaved rounds, each
 * trial in a fresh server JVM under the same flood. A trial that fails to start or to run is recorded and the
 * next one runs; Ctrl-C ({@link #stop()}) ends the trial in progress, skips the rest, and still returns what
 * was measured.
 */
public final class Comparison {

    /** How a server's exit code reads when {@code ServerProcess} had to kill it: 128 + SIGKILL. */
    private static final int KILLED = 137;

    /** Runs one scheduled trial: the real one starts a server JVM; tests give a stand-in. */
    interface TrialRunner {
        ModelRun run(ScheduledTrial trial) throws InterruptedException;
    }

    private final ComparePlan plan;
    private final List<Threshold> thresholds;
    private final CompareListener listener;
    private final TrialRunner runner;
    /** Where Prometheus learns of each trial's endpoints ({@code --prometheus-sd}), or null. */
    private final LiveTargets liveTargets;
    private volatile boolean stopped;
    private volatile ModelTrial current;

    /**
     * @param thresholds checked against every trial's result, as {@code --assert} is by {@code c10k flood}
     */
    public Comparison(ComparePlan plan, List<Threshold> thresholds, CompareListener listener) {
        this(plan, thresholds, listener, null);
    }

    /**
     * @param thresholds  checked against every trial's result, as {@code --assert} is by {@code c10k flood}
     * @param liveTargets where each trial's server and flood are published for Prometheus while it runs, or null
     */
    public Comparison(ComparePlan plan, List<Threshold> thresholds, CompareListener listener,
                      LiveTargets liveTargets) {
        this.plan = plan;
        this.thresholds = List.copyOf(thresholds);
        this.listener = listener;
        this.runner = this::trial;
        this.liveTargets = liveTargets;
    }

    /** A comparison whose trials {@code runner} runs instead of real servers. */
    Comparison(ComparePlan plan, CompareListener listener, TrialRunner runner) {
        this.plan = plan;
        this.thresholds = List.of();
        this.listener = listener;
        this.runner = runner;
        this.liveTargets = null;
    }

    /**
     * Runs every trial, round by round.
     *
     * @param command the command line that reproduces this comparison, for the reports
     */
    public CompareResult run(String command) throws InterruptedException {
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        MachineLoad.CpuTimes cpuBefore = MachineLoad.cpuTimes();
        List<ScheduledTrial> schedule = ScheduledTrial.interleave(plan.models(), plan.repeat());
        List<ModelRun> runs = new ArrayList<>();
        for (ScheduledTrial trial : schedule) {
            if (stopped) {
                runs.add(ModelRun.without(trial, null, RunStatus.SKIPPED, "stopped before its turn"));
                continue;
            }
            listener.starting(trial, plan.repeat(), schedule.size());
            ModelRun run = runner.run(trial);
            runs.add(run);
            listener.finished(run);
        }
        Double steal = MachineLoad.stealPercent(cpuBefore, MachineLoad.cpuTimes());
        double elapsedSeconds = Rounding.thousandths((System.nanoTime() - startNanos) / 1e9);
        List<ModelResult> models = plan.models().stream().map(setup -> ModelResult.of(setup,
                runs.stream().filter(run -> run.label().equals(setup.label())).toList())).toList();
        List<Claim> claims = Verdict.claims(models);
        return new CompareResult(command, startedAt.toString(), elapsedSeconds, stopped, plan.repeat(),
                EnvironmentProbe.probe(), MachineNoise.of(models, claims, steal), plan, models, claims,
                Verdict.of(plan, models, claims));
    }

    /** Ctrl-C: stops the flood in progress and skips the trials after it. Any thread. */
    public void stop() {
        stopped = true;
        ModelTrial trial = current;
        if (trial != null) {
            trial.stop();
        }
    }

    private ModelRun trial(ScheduledTrial scheduled) throws InterruptedException {
        ModelSetup setup = scheduled.setup();
        // Read before the server starts, so the trial's own JVM does not count as the machine's load.
        Double load = MachineLoad.loadAverage1m();
        ModelTrial trial = new ModelTrial(setup.model(), setup.serverArgs(),
                liveTargets == null ? TrialWatcher.NONE : liveTargets.forTrial(setup.label(), scheduled.trial()));
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
            return new ModelRun(setup, scheduled.trial(), scheduled.order(), load, status,
                    detail(status, outcome, cap), outcome.server(), outcome.serverExitCode(),
                    ModelSummary.of(result, plan.requestsPlanned()), outcome.artifacts().withResult(result));
        } catch (IOException e) {
            // Ctrl-C in a terminal reaches the child too, so a server starting just then may die of it.
            return stopped
                    ? ModelRun.without(scheduled, load, RunStatus.INTERRUPTED, "stopped by Ctrl-C while its server started")
                    : ModelRun.without(scheduled, load, RunStatus.SERVER_FAILED, e.getMessage());
        } catch (RuntimeException e) {
            return ModelRun.without(scheduled, load, RunStatus.ERROR, e.toString());
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
        return new FloodResult(result.config(), result.segment(), result.environment(), cappedRun,
                result.connections(), result.requests(), result.accounting(), result.requestsPerSecond(),
                result.connectLatency(), result.requestLatency(), result.commands(), result.target(),
                result.listenQueue(), result.synRetransmits(), result.harnessLag(), notes, result.checks(),
                result.timeline());
    }
}
