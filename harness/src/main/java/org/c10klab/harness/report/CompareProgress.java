package org.c10klab.harness.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ScheduledTrial;
import org.c10klab.harness.experiment.SweepListener;
import org.c10klab.harness.experiment.SweepStep;
import org.c10klab.harness.result.TimelinePoint;

/**
 * A comparison's or a sweep's live progress on stderr: a line as each sweep value and each model starts, the
 * flood's status line, a line as each model ends.
 */
public final class CompareProgress implements SweepListener {

    /** Progress for nobody: {@code --quiet}. */
    public static final SweepListener SILENT = new SweepListener() {
        @Override
        public void step(SweepStep step, int index, int total) {
        }

        @Override
        public void starting(ScheduledTrial trial, int repeat, int total) {
        }

        @Override
        public void sample(TimelinePoint point) {
        }

        @Override
        public void finished(ModelRun run) {
        }
    };

    private final PrintWriter err;
    private final boolean terminal;
    /** The connections each flood aims for; a sweep may change them from one value to the next. */
    private volatile int connections;
    private volatile ProgressPrinter printer;

    /** Progress on {@code err}, rewriting the status line in place when stderr is a terminal; none when quiet. */
    public static SweepListener onStderr(PrintWriter err, boolean quiet, int connections) {
        return quiet ? SILENT : new CompareProgress(err, ProgressPrinter.stderrIsTerminal(), connections);
    }

    /**
     * @param terminal    true to rewrite the flood's status line in place
     * @param connections the connections each flood aims for, shown as "open/target"
     */
    public CompareProgress(PrintWriter err, boolean terminal, int connections) {
        this.err = err;
        this.terminal = terminal;
        this.connections = connections;
    }

    @Override
    public void step(SweepStep step, int index, int total) {
        connections = step.plan().flood().connections();
        err.printf(Locale.ROOT, "== value %d/%d: %s%n", index + 1, total, step.command());
        err.flush();
    }

    @Override
    public void starting(ScheduledTrial trial, int repeat, int total) {
        err.printf(Locale.ROOT, "[%d/%d] %s%s: starting %s, then a warm-up and the flood%n", trial.order(), total,
                trial.setup().label(), repeat > 1 ? " trial " + trial.trial() + "/" + repeat : "",
                trial.setup().serverCommand());
        err.flush();
        printer = new ProgressPrinter(err, terminal, connections);
    }

    @Override
    public void sample(TimelinePoint point) {
        ProgressPrinter current = printer;
        if (current != null) {
            current.accept(point);
        }
    }

    @Override
    public void finished(ModelRun run) {
        ProgressPrinter current = printer;
        if (current != null) {
            current.finish();
        }
        printer = null;
        if (run.summary() == null) {
            err.printf(Locale.ROOT, "      %s: %s: %s%n", run.label(), run.status(), run.detailLine());
        } else {
            err.printf(Locale.ROOT, "      %s: %s in %.2f s: %s ok; server pid %d stopped (exit %d)%n",
                    run.label(), run.status(), run.summary().elapsedSeconds(),
                    Plural.ofTotal(run.summary().requestsOk(), run.summary().requestsSent(), "request"), run.server().pid(), run.serverExitCode());
        }
        err.flush();
    }
}
