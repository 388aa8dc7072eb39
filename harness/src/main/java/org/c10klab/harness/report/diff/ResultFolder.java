package org.c10klab.harness.report.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.report.CompareFormat;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;

/**
 * The floods an output folder holds, by label: one {@code flood} run from a {@code flood --out} folder, or every
 * counted trial of every model from a {@code compare --out} folder.
 *
 * @param kind   {@code flood} or {@code compare}
 * @param trials by label ({@link #FLOOD_LABEL}, or the model's label), every trial's result in the order run
 */
public record ResultFolder(String kind, Map<String, List<FloodResult>> trials) {

    /** The label of a flood folder's one run. */
    public static final String FLOOD_LABEL = "flood";

    public ResultFolder {
        trials = Collections.unmodifiableMap(new LinkedHashMap<>(trials));
    }

    /**
     * Reads {@code directory}.
     *
     * @throws IllegalArgumentException when it is missing or holds neither results.json nor compare.json
     * @throws IOException              when a result file cannot be read
     */
    public static ResultFolder read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such folder");
        }
        Path flood = directory.resolve("results.json");
        if (Files.isRegularFile(flood)) {
            return new ResultFolder(FLOOD_LABEL, Map.of(FLOOD_LABEL, List.of(readFlood(flood))));
        }
        Path compare = directory.resolve("compare.json");
        if (!Files.isRegularFile(compare)) {
            throw new IllegalArgumentException(directory + ": not a result folder (expected the results.json of "
                    + "c10k flood --out, or the compare.json of c10k compare)");
        }
        CompareResult result;
        try {
            result = ResultJson.mapper().readValue(compare.toFile(), CompareResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(compare + ": not a c10k compare result (" + e.getOriginalMessage() + ")");
        }
        Map<String, List<FloodResult>> trials = new LinkedHashMap<>();
        for (ModelResult model : result.models()) {
            List<FloodResult> counted = new ArrayList<>();
            for (ModelRun run : model.counted()) {
                counted.add(readFlood(directory.resolve(CompareFormat.trialFolder(run)).resolve("results.json")));
            }
            if (!counted.isEmpty()) {
                trials.put(model.setup().label(), counted);
            }
        }
        return new ResultFolder("compare", trials);
    }

    private static FloodResult readFlood(Path file) throws IOException {
        try {
            return ResultJson.read(file);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a c10k flood result (" + e.getOriginalMessage() + ")");
        }
    }

    /** The labels in both folders, in this folder's order. */
    public List<String> sharedLabels(ResultFolder other) {
        return trials.keySet().stream().filter(other.trials::containsKey).toList();
    }
}
