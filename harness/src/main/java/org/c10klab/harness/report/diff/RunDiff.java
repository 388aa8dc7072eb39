package org.c10klab.harness.report.diff;

import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.stats.ClaimJudge;
import org.c10klab.harness.stats.Difference;
import org.c10klab.harness.stats.Holm;
import org.c10klab.harness.stats.Spread;

/**
 * What changed between two output folders: every headline figure of every run (or model) they share, as medians
 * over the trials, judged against the trials' noise where both sides have at least two.
 *
 * @param baseline  the baseline folder's contents
 * @param run       the new folder's contents
 * @param changes   one per shared label and figure, in label then figure order
 * @param repeated  true when every shared label has at least two trials on both sides, so noise is estimated
 */
public record RunDiff(ResultFolder baseline, ResultFolder run, List<FigureChange> changes, boolean repeated) {

    /** Confidence of the ratio intervals, as compare's claims use. */
    private static final double CONFIDENCE = 1 - ClaimJudge.DEFAULT_ALPHA;

    public RunDiff {
        changes = List.copyOf(changes);
    }

    /**
     * Compares {@code run} with {@code baseline}.
     *
     * @throws IllegalArgumentException when they share no label (e.g. a flood folder against a compare folder)
     */
    public static RunDiff of(ResultFolder baseline, ResultFolder run) {
        List<String> labels = baseline.sharedLabels(run);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: the baseline holds " + baseline.trials().keySet()
                    + " (" + baseline.kind() + "), the run " + run.trials().keySet() + " (" + run.kind() + ")");
        }
        List<FloodResult> all = new ArrayList<>();
        labels.forEach(label -> {
            all.addAll(baseline.trials().get(label));
            all.addAll(run.trials().get(label));
        });
        List<String> rowLabels = new ArrayList<>();
        List<DiffFigure> rowFigures = new ArrayList<>();
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        for (String label : labels) {
            for (DiffFigure figure : DiffFigure.headline(all)) {
                double[] a = values(baseline.trials().get(label), figure);
                double[] b = values(run.trials().get(label), figure);
                rowLabels.add(label);
                rowFigures.add(figure);
                before.add(a);
                after.add(b);
                differences.add(Difference.comparable(b, a) ? Difference.of(b, a, CONFIDENCE) : null);
            }
        }
        double[] adjusted = Holm.adjust(differences.stream().filter(d -> d != null)
                .mapToDouble(Difference::pValue).toArray());
        List<FigureChange> changes = new ArrayList<>();
        int judged = 0;
        for (int i = 0; i < rowLabels.size(); i++) {
            Difference difference = differences.get(i);
            boolean beyond = difference != null && adjusted[judged++] < ClaimJudge.DEFAULT_ALPHA;
            changes.add(new FigureChange(rowLabels.get(i), rowFigures.get(i), Spread.of(before.get(i)).median(),
                    Spread.of(after.get(i)).median(), difference, beyond));
        }
        boolean repeated = labels.stream()
                .allMatch(label -> baseline.trials().get(label).size() > 1 && run.trials().get(label).size() > 1);
        return new RunDiff(baseline, run, changes, repeated);
    }

    private static double[] values(List<FloodResult> trials, DiffFigure figure) {
        return trials.stream().mapToDouble(figure.value()).toArray();
    }
}
