package org.c10klab.harness.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.server.ListeningLine;

/**
 * One model's turn in an experiment: how it went, what the server said, and what the flood measured.
 *
 * @param setup          the model and its server options
 * @param status         how the turn went
 * @param detail         why it failed or was cut short, or null
 * @param server         the server's LISTENING line, or null when it never listened
 * @param serverExitCode the server's exit code after SIGTERM (0 = graceful), or null when it never started
 * @param summary        the flood's numbers, or null when no flood ran
 * @param artifacts      the flood's full result and raw material for the per-model files, or null
 */
public record ModelRun(ModelSetup setup, RunStatus status, String detail, ListeningLine server,
                       Integer serverExitCode, ModelSummary summary, @JsonIgnore RunArtifacts artifacts) {

    /** A turn that produced no flood result. */
    public static ModelRun without(ModelSetup setup, RunStatus status, String detail) {
        return new ModelRun(setup, status, detail, null, null, null, null);
    }

    /** The first line of {@link #detail()}, for tables and sentences; null when there is none. */
    public String detailLine() {
        if (detail == null) {
            return null;
        }
        int end = detail.indexOf('\n');
        return end < 0 ? detail : detail.substring(0, end);
    }

    /** The model. */
    public LabModel model() {
        return setup.model();
    }
}
