package org.c10klab.harness.report.diff;

import org.c10klab.harness.stats.Difference;

/**
 * How one figure of one run (or model) changed from the baseline: the medians over the trials on each side, and
 * what the trials say about noise.
 *
 * @param label       the run's label: {@code flood}, or a model's
 * @param figure      the figure
 * @param baseline    its median in the baseline
 * @param run         its median in the run
 * @param difference  the run over the baseline with its interval and p-value, or null when either side has fewer
 *                    than two trials or a value that is not positive
 * @param beyondNoise true when the difference is significant after Holm's correction over every figure compared
 */
public record FigureChange(String label, DiffFigure figure, double baseline, double run, Difference difference,
                           boolean beyondNoise) {

    /**
     * The change in percent of the baseline; infinite when the baseline is 0 and the run is not, 0 when both are.
     */
    public double percent() {
        if (baseline == 0) {
            return run == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, run);
        }
        return 100 * (run - baseline) / baseline;
    }

    /** The change in the figure's own unit. */
    public double absolute() {
        return run - baseline;
    }
}
