package org.c10klab.harness.experiment;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.FloodRun;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.ListeningLine;
import org.c10klab.server.transport.TransportSelection;

/**
 * One model in its own JVM under one flood: start it, flood it while sampling its /proc and
 * /metrics, stop it with SIGTERM. Every experiment (compare, sweep, backlog, lab) is made of these.
 */
public final class ModelTrial {

    /**
     * What one trial produced.
     *
     * @param model          the model flooded
     * @param server         what the server printed when it started (backlog, pid, ports)
     * @param artifacts      the flood's result and raw material
     * @param serverExitCode  the server's exit code after SIGTERM (0 = graceful)
     * @param serverLastWords the server's last stderr line when it did not stop gracefully, e.g. the
     *                        JVM's {@code Terminating due to java.lang.OutOfMemoryError: ...}; else null
     */
    public record Outcome(LabModel model, ListeningLine server, RunArtifacts artifacts, int serverExitCode,
                          String serverLastWords) {
    }

    private final LabModel model;
    private final List<String> extraServerArgs;
    private final TrialWatcher watcher;
    private volatile FloodRun running;
    private volatile boolean stopped;
    private volatile ListeningLine listening;

    /**
     * @param extraServerArgs options after the model's own, e.g. {@code --backlog 1} or {@code --pool-size 256}
     */
    public ModelTrial(LabModel model, List<String> extraServerArgs) {
        this(model, extraServerArgs, TrialWatcher.NONE);
    }

    /**
     * @param extraServerArgs options after the model's own, e.g. {@code --backlog 1} or {@code --pool-size 256}
     * @param watcher         told of the server and the measured flood while that flood runs
     */
    public ModelTrial(LabModel model, List<String> extraServerArgs, TrialWatcher watcher) {
        this.model = model;
        this.extraServerArgs = List.copyOf(extraServerArgs);
        this.watcher = watcher;
    }

    /**
     * Runs the trial; the server is stopped however the flood ends.
     *
     * @param progress receives each timeline point while the flood runs
     */
    public Outcome run(FloodConfig flood, SamplingOptions sampling, Consumer<TimelinePoint> progress)
            throws IOException, InterruptedException {
        return run(null, flood, null, sampling, progress);
    }

    /**
     * Runs the trial with a warm-up and a time cap; the server is stopped however the flood ends.
     *
     * @param warmup   an unmeasured flood run against the server first, so the measured one does not pay for
     *                 the server's class loading and first compilation; null for none
     * @param cap      stop the measured flood after this long (its result is then partial); null for no cap
     * @param progress receives each timeline point while the measured flood runs
     */
    public Outcome run(FloodConfig warmup, FloodConfig flood, Duration cap, SamplingOptions sampling,
                       Consumer<TimelinePoint> progress) throws IOException, InterruptedException {
        List<String> serverArgs = new ArrayList<>(model.serverArgs());
        serverArgs.addAll(extraServerArgs);
        try (ServerProcess server = ServerProcess.start(serverArgs)) {
            listening = server.listening();
            String target = server.address().getHostString() + ":" + server.address().getPort();
            if (warmup != null) {
                FloodConfig aimedWarmup = warmup.withTarget(target);
                execute(new FloodRun(aimedWarmup, server.address(), TransportSelection.select(aimedWarmup.transport()),
                        SamplingOptions.none(), point -> { }));
            }
            FloodConfig aimed = flood.withTarget(target);
            SamplingOptions watched = new SamplingOptions(server.pid(), server.metricsUrl(), sampling.interval());
            // Timed by the flood's own clock, so the cap does not count the client's warm-up before it.
            Consumer<TimelinePoint> capped = cap == null ? progress : point -> {
                progress.accept(point);
                if (point.elapsedSeconds() >= cap.toNanos() / 1e9) {
                    stopRunning();
                }
            };
            FloodRun measured = new FloodRun(aimed, server.address(), TransportSelection.select(aimed.transport()),
                    watched, capped);
            RunArtifacts artifacts;
            watcher.watch(server, measured);
            try {
                artifacts = execute(measured);
            } finally {
                watcher.unwatch();
            }
            int exitCode = server.stop();
            return new Outcome(model, server.listening(), artifacts, exitCode,
                    exitCode == 0 ? null : server.lastStderrLine());
        }
    }

    /** What the trial's server printed once it listened, for watching its port during the flood; null before. */
    public ListeningLine listening() {
        return listening;
    }

    /**
     * Stops the flood in progress (Ctrl-C), or the next one when none runs yet; {@link #run} then returns a
     * partial result. Any thread.
     */
    public void stop() {
        stopped = true;
        stopRunning();
    }

    private void stopRunning() {
        FloodRun run = running;
        if (run != null) {
            run.stop();
        }
    }

    private RunArtifacts execute(FloodRun run) throws InterruptedException {
        // Published before the flag is read, and stop() sets the flag before it reads this: one of them sees the other.
        running = run;
        if (stopped) {
            run.stop();
        }
        try {
            return run.run();
        } finally {
            running = null;
        }
    }
}
