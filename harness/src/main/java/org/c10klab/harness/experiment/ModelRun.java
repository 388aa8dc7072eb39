package org.c10klab.harness.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.server.ListeningLine;

/**
 * One trial of one model in an experiment: how it went, what the server said, and what the flood measured.
 *
 * @param setup          the model, its label and its server options
 * @param trial          which of the model's trials, from 1 (it ran in round {@code trial})
 * @param order          its place in the experiment's run order, from 1
 * @param loadAverage1m  the machine's 1-minute load average just before the trial, or null when unreadable
 * @param status         how the trial went
 * @param detail         why it failed or was cut short, or null
 * @param server         the server's LISTENING line, or null when it never listened
 * @param serverExitCode the server's exit code after SIGTERM (0 = graceful), or null when it never started
 * @param summary        the flood's numbers, or null when no flood ran
 * @param artifacts      the flood's full result and raw material for the per-trial files, or null
 */
public record ModelRun(ModelSetup setup, int trial, int order, @JsonProperty("load_average_1m") Double loadAverage1m,
                       RunStatus status, String detail, ListeningLine server, Integer serverExitCode,
                       ModelSummary summary, @JsonIgnore RunArtifacts artifacts) {

    /** A trial that produced no flood result. */
    public static ModelRun without(ScheduledTrial trial, Double loadAverage1m, RunStatus status, String detail) {
        return new ModelRun(trial.setup(), trial.trial(), trial.order(), loadAverage1m, status, detail, null, null,
                null, null);
    }

    /**
     * True when the trial's numbers stand for the model: its flood ran to its end or to its cap. A trial cut
     * short by Ctrl-C, or whose server failed, does not count towards spreads and claims.
     */
    public boolean counts() {
        return summary != null && (status == RunStatus.COMPLETED || status == RunStatus.CAPPED);
    }

    /** The first line of {@link #detail()}, for tables and sentences; null when there is none. */
    public String detailLine() {
        if (detail == null) {
            return null;
        }
        int end = detail.indexOf('\n');
        return end < 0 ? detail : detail.substring(0, end);
    }

    /** The model's label, e.g. {@code netty} or {@code netty#2}. */
    public String label() {
        return setup.label();
    }

    /** The model. */
    public LabModel model() {
        return setup.model();
    }
}
