package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.SweepCell;
import org.c10klab.harness.experiment.SweepResult;

/** A sweep as matrices, one per column of the comparison table: a row per value, a column per model. */
public final class SweepMatrix {

    /** The columns a sweep shows as matrices: what moves when a parameter does. */
    public static final List<SummaryColumn> COLUMNS = List.of(SummaryColumn.REQUESTS, SummaryColumn.P50,
            SummaryColumn.P99, SummaryColumn.OS_THREADS, SummaryColumn.RSS, SummaryColumn.CPU);

    private SweepMatrix() {
    }

    /** Every model that ran at some value, in the order they ran. */
    public static List<LabModel> models(SweepResult result) {
        Set<LabModel> models = new LinkedHashSet<>();
        result.cells().forEach(cell -> cell.result().runs().forEach(run -> models.add(run.model())));
        return List.copyOf(models);
    }

    /** The header: the parameter's name, then the models. */
    public static List<String> header(SweepResult result) {
        List<String> header = new ArrayList<>(List.of(result.parameter()));
        models(result).forEach(model -> header.add(model.cliName()));
        return header;
    }

    /** A row per value: the value, then {@code column}'s cell for each model ({@code -} where it did not run). */
    public static List<List<String>> rows(SweepResult result, SummaryColumn column) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepCell cell : result.cells()) {
            List<String> row = new ArrayList<>(List.of(cell.value()));
            for (LabModel model : models(result)) {
                row.add(run(cell, model).map(column::cell).orElse("-"));
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code model}'s run at {@code cell}'s value, if it ran there. */
    public static Optional<ModelRun> run(SweepCell cell, LabModel model) {
        return cell.result().runs().stream().filter(run -> run.model() == model).findFirst();
    }
}
