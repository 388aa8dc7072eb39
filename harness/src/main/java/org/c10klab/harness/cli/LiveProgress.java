package org.c10klab.harness.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.c10klab.harness.report.ProgressPrinter;
import org.c10klab.harness.result.TimelinePoint;

/** An experiment's progress on stderr: a line as each run starts and ends, the live flood line between them. */
abstract class LiveProgress {

    final PrintWriter stderr;
    final boolean quiet;
    private final boolean terminal = ProgressPrinter.stderrIsTerminal();
    private volatile ProgressPrinter live;

    LiveProgress(PrintWriter stderr, boolean quiet) {
        this.stderr = stderr;
        this.quiet = quiet;
    }

    /** A run starts: its line, then on a terminal the live flood line of a flood aiming for {@code connections}. */
    final void starting(int connections, String format, Object... args) {
        if (quiet) {
            return;
        }
        stderr.printf(Locale.ROOT, format, args);
        stderr.flush();
        live = terminal ? new ProgressPrinter(stderr, true, connections) : null;
    }

    /** A timeline point of the flood in progress, for the live line. */
    public final void progress(TimelinePoint point) {
        ProgressPrinter printer = live;
        if (printer != null) {
            printer.accept(point);
        }
    }

    /** A run ended: ends its live line, so the caller's closing line starts on a fresh one. */
    final void endLiveLine() {
        if (live != null) {
            live.finish();
        }
    }
}
