package org.c10klab.harness.experiment;

import java.util.Locale;

/** How one model's trial in an experiment went, apart from how its requests went. */
public enum RunStatus {
    /** The flood ran to its end and the server stopped gracefully. */
    COMPLETED,
    /** The flood was stopped at the model's time cap; what was in flight then counts as cancelled. */
    CAPPED,
    /** The flood was stopped by Ctrl-C. */
    INTERRUPTED,
    /** The server did not start, or did not stop gracefully: the model could not be measured as asked. */
    SERVER_FAILED,
    /** The harness failed while running the trial. */
    ERROR,
    /** Not run: the experiment was stopped before this model's turn. */
    SKIPPED;

    /** True when the model could not be run as asked: the experiment's exit code says so. */
    public boolean failedToRun() {
        return this == SERVER_FAILED || this == ERROR;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
