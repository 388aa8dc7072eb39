package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.DurationConverter;

/**
 * The classic university lab on backlog and concurrency, run for real: five stages of bursts
 * against serial, thread-per-connection, event-loop and virtual-thread servers, each in its own JVM,
 * every run tried {@code repeat} times in interleaved rounds (every run once, then every run again ...).
 */
public final class LabExperiment {

    /** Hears about the runs as they go. */
    public interface Listener {

        /** Trial {@code trial} of a run is about to start: {@code what} says which stage, model and burst. */
        void runStarting(int stage, String what, int trial);

        /** A timeline point of the flood in progress. */
        void progress(TimelinePoint point);

        /** A trial is done. */
        void runFinished(LabRun run);
    }

    /** One run of a stage: which model, how many clients, which backlog. */
    private record Step(int stage, LabModel model, int clients, Duration ramp, Integer backlog, Duration sleep,
                        Duration responseTimeout, String what) {
    }

    /** The lab's stages, numbered as the lab numbers its questions. */
    public static final List<Integer> STAGES = List.of(1, 2, 3, 4, 5);

    private final LabPlan plan;
    private final Set<Integer> stages;
    private final int repeat;
    private volatile boolean stopped;
    private volatile ModelTrial current;

    /**
     * @param stages the stages to run, a subset of {@link #STAGES}
     * @param repeat trials per run of a stage, at least 1
     * @throws IllegalArgumentException naming a stage that does not exist, or a repeat below 1
     */
    public LabExperiment(LabPlan plan, Collection<Integer> stages, int repeat) {
        for (int stage : stages) {
            if (!STAGES.contains(stage)) {
                throw new IllegalArgumentException("stage " + stage + " (expected one of " + STAGES + ")");
            }
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat: " + repeat + " (expected: >= 1)");
        }
        this.plan = plan;
        this.stages = Set.copyOf(stages);
        this.repeat = repeat;
    }

    /**
     * Runs every trial of every stage's runs, round by round, or until {@link #stop()}.
     *
     * @throws IOException when a server cannot start
     */
    public LabResult run(Listener listener) throws IOException, InterruptedException {
        Map<Step, List<LabRun>> trials = new LinkedHashMap<>();
        steps().stream().filter(step -> stages.contains(step.stage()))
                .forEach(step -> trials.put(step, new ArrayList<>()));
        for (int round = 1; round <= repeat && !stopped; round++) {
            for (Map.Entry<Step, List<LabRun>> cell : trials.entrySet()) {
                if (stopped) {
                    break;
                }
                Step step = cell.getKey();
                listener.runStarting(step.stage(), step.what(), round);
                LabRun run = run(round, step, listener::progress);
                cell.getValue().add(run);
                listener.runFinished(run);
            }
        }
        List<LabCell> cells = trials.entrySet().stream().filter(cell -> !cell.getValue().isEmpty())
                .map(cell -> new LabCell(cell.getKey().stage(), cell.getKey().model(), cell.getKey().clients(),
                        cell.getKey().backlog(), cell.getKey().what(), cell.getValue()))
                .toList();
        return new LabResult(plan, repeat, EnvironmentProbe.probe(), cells, stopped);
    }

    /** Ctrl-C: the trial in progress ends early and no further trial starts. Any thread. */
    public void stop() {
        stopped = true;
        ModelTrial trial = current;
        if (trial != null) {
            trial.stop();
        }
    }

    private List<Step> steps() {
        String nervous = plan.nervousClients() + " nervous clients, " + DurationConverter.format(plan.nervousSpacing())
                + " apart";
        String challenge = plan.challengeClients() + " simultaneous clients";
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, LabModel.SERIAL, plan.sequentialClients(), Duration.ZERO, null, plan.queueSleep(),
                plan.queueResponseTimeout(), "serial server, " + plan.sequentialClients() + " clients at once"));
        steps.add(new Step(2, LabModel.SERIAL, plan.nervousClients(), plan.nervousRamp(), 1, plan.sleep(),
                plan.responseTimeout(), "serial server, backlog 1, " + nervous));
        steps.add(new Step(3, LabModel.THREADS, plan.nervousClients(), plan.nervousRamp(), null, plan.sleep(),
                plan.responseTimeout(), "thread-per-connection server, " + nervous));
        steps.add(new Step(4, LabModel.NETTY, plan.nervousClients(), plan.nervousRamp(), null, plan.sleep(),
                plan.responseTimeout(), "event-loop server (netty), " + nervous));
        // Platform threads run too: beside the other two they show what a thread per connection costs.
        for (LabModel model : List.of(LabModel.NETTY, LabModel.VIRTUAL, LabModel.THREADS)) {
            steps.add(new Step(5, model, plan.challengeClients(), Duration.ZERO, null, plan.sleep(),
                    plan.challengeResponseTimeout(), model + " server, " + challenge));
        }
        return steps;
    }

    private LabRun run(int round, Step step, Consumer<TimelinePoint> progress)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        if (step.backlog() != null) {
            options.addAll(List.of("--backlog", step.backlog().toString()));
        }
        options.addAll(SleepBurst.STOP_PROMPTLY);
        ModelTrial trial = new ModelTrial(step.model(), options);
        current = trial;
        try {
            FloodConfig flood = SleepBurst.config(step.clients(), step.ramp(), step.sleep(), plan.connectTimeout(),
                    step.responseTimeout());
            HandshakeWatch handshakes = new HandshakeWatch(trial);
            ModelTrial.Outcome outcome = trial.run(SleepBurst.serverWarmup(), flood, null,
                    new SamplingOptions(null, null, plan.sampleInterval()), progress.andThen(handshakes));
            return LabRun.of(round, step.stage(), step.clients(), step.backlog(), step.sleep(), outcome,
                    handshakes.evidence());
        } finally {
            current = null;
        }
    }
}
