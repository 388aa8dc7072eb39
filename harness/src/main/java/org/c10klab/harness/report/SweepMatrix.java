package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.SweepCell;
import org.c10klab.harness.experiment.SweepResult;

/** A sweep as matrices, one per column of the comparison table: a row per value, a column per model. */
public final class SweepMatrix {

    /** The columns a sweep shows as matrices: what moves when a parameter does. */
    private static final List<SummaryColumn> COLUMNS = List.of(SummaryColumn.REQUESTS, SummaryColumn.P50,
            SummaryColumn.P99, SummaryColumn.OS_THREADS, SummaryColumn.RSS, SummaryColumn.CPU, SummaryColumn.GET_HITS);

    /** The matrices {@code result} shows: {@link #COLUMNS}, the GET hit ratio only where GETs were sent. */
    public static List<SummaryColumn> columns(SweepResult result) {
        List<ModelResult> models = result.cells().stream().flatMap(cell -> cell.result().models().stream()).toList();
        return COLUMNS.stream().filter(SummaryColumn.shown(models)::contains).toList();
    }

    private SweepMatrix() {
    }

    /** The label of every model that ran at some value, in the order they appear. */
    public static List<String> labels(SweepResult result) {
        Set<String> labels = new LinkedHashSet<>();
        result.cells().forEach(cell -> cell.result().models().forEach(model -> labels.add(model.label())));
        return List.copyOf(labels);
    }

    /** The header: the parameter's name, then the models. */
    public static List<String> header(SweepResult result) {
        List<String> header = new ArrayList<>(List.of(result.parameter()));
        header.addAll(labels(result));
        return header;
    }

    /** A row per value: the value, then {@code column}'s cell for each model ({@code -} where it did not run). */
    public static List<List<String>> rows(SweepResult result, SummaryColumn column) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepCell cell : result.cells()) {
            List<String> row = new ArrayList<>(List.of(cell.value()));
            for (String label : labels(result)) {
                row.add(model(cell, label).map(column::cell).orElse("-"));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The trials of the model labelled {@code label} at {@code cell}'s value, if it ran there. */
    public static Optional<ModelResult> model(SweepCell cell, String label) {
        return cell.result().models().stream().filter(model -> model.label().equals(label)).findFirst();
    }
}
