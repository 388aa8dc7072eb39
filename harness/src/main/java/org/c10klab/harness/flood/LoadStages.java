package org.c10klab.harness.flood;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's stages as one load shape: a line through (0, 0) and each stage's (end, target), so the first stage
 * ramps up from nothing. It answers what the shape wants at any moment: how many connections, which of them,
 * and when each request falls due.
 */
public final class LoadStages {

    /** A request the shape never wants: the rate stays at 0 before its turn comes. */
    public static final long NEVER = Long.MAX_VALUE;

    private final List<Stage> stages;
    private final double[] endSeconds;

    /**
     * @throws IllegalArgumentException when the stages are empty, move different quantities, or last no time
     */
    public LoadStages(List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("no stages (expected at least one --stage)");
        }
        if (stages.stream().map(Stage::quantity).distinct().count() > 1) {
            throw new IllegalArgumentException("--stage: every stage must move the same thing, connections or rate, "
                    + "not both");
        }
        this.stages = List.copyOf(stages);
        this.endSeconds = new double[stages.size()];
        double end = 0;
        for (int i = 0; i < stages.size(); i++) {
            end += stages.get(i).duration().toNanos() / 1e9;
            endSeconds[i] = end;
        }
        if (end == 0) {
            throw new IllegalArgumentException("--stage: the stages last no time (expected a duration > 0 in total)");
        }
    }

    /** What every stage moves. */
    public Stage.Quantity quantity() {
        return stages.getFirst().quantity();
    }

    /** How long the stages last together. */
    public Duration total() {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The highest target of any stage. */
    public double peak() {
        return stages.stream().mapToDouble(Stage::target).max().orElseThrow();
    }

    /** The stage under way {@code seconds} after the start, from 1; the last one once all are over. */
    public int stageAt(double seconds) {
        for (int i = 0; i < endSeconds.length; i++) {
            if (seconds < endSeconds[i]) {
                return i + 1;
            }
        }
        return stages.size();
    }

    /** What the shape wants {@code seconds} after the start: connections, or requests per second. */
    public double plannedAt(double seconds) {
        double startSeconds = 0;
        double from = 0;
        for (int i = 0; i < stages.size(); i++) {
            double to = stages.get(i).target();
            if (seconds < endSeconds[i]) {
                return from + (to - from) * (seconds - startSeconds) / (endSeconds[i] - startSeconds);
            }
            startSeconds = endSeconds[i];
            from = to;
        }
        return from;
    }

    /**
     * Connection stages: when each connection the shape holds opens and closes, in nanoseconds from the start.
     * Connection k (from 0) is open while the planned count is above k; one that closes and is wanted again
     * later is a new window, so every window is a client of its own. Windows still open at the end close then.
     */
    public List<Window> connectionWindows() {
        long totalNanos = total().toNanos();
        List<Window> windows = new ArrayList<>();
        // open[k]: when connection k opened, or -1 while it is closed.
        long[] open = new long[(int) peak()];
        Arrays.fill(open, -1);
        long startNanos = 0;
        double from = 0;
        for (Stage stage : stages) {
            long durationNanos = stage.duration().toNanos();
            double to = stage.target();
            if (to > from) {
                for (int k = (int) from; k < (int) to; k++) {
                    open[k] = startNanos + (long) (durationNanos * (k + 1 - from) / (to - from));
                }
            } else {
                for (int k = (int) from - 1; k >= (int) to; k--) {
                    long closeNanos = startNanos + (long) (durationNanos * (from - (k + 1)) / (from - to));
                    windows.add(new Window(open[k], closeNanos));
                    open[k] = -1;
                }
            }
            startNanos += durationNanos;
            from = to;
        }
        for (long opened : open) {
            if (opened >= 0) {
                windows.add(new Window(opened, totalNanos));
            }
        }
        windows.sort((a, b) -> Long.compare(a.openNanos(), b.openNanos()));
        return windows;
    }

    /**
     * Rate stages: when request {@code k} of the whole run (from 0) falls due, in nanoseconds from the start:
     * the moment the planned rate's integral reaches k. {@link #NEVER} when it never does.
     */
    public long requestDueNanos(long k) {
        double done = 0;
        double startSeconds = 0;
        double from = 0;
        for (int i = 0; i < stages.size(); i++) {
            double to = stages.get(i).target();
            double seconds = endSeconds[i] - startSeconds;
            double requests = (from + to) / 2 * seconds;
            if (done + requests > k) {
                // Solve from * x + (to - from) / (2 * seconds) * x^2 = k - done for x in [0, seconds], in the form
                // that stays exact when the rate barely changes.
                double left = k - done;
                double slope = (to - from) / (2 * seconds);
                double x = left == 0 ? 0 : 2 * left / (from + Math.sqrt(from * from + 4 * slope * left));
                return (long) ((startSeconds + x) * 1e9);
            }
            done += requests;
            startSeconds = endSeconds[i];
            from = to;
        }
        return NEVER;
    }

    /** The stages as given. */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * One connection's time in the shape.
     *
     * @param openNanos  when it opens, from the start
     * @param closeNanos when it closes, from the start
     */
    public record Window(long openNanos, long closeNanos) {
    }
}
