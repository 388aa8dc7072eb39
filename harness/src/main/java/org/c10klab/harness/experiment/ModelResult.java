package org.c10klab.harness.experiment;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.c10klab.harness.stats.Spread;

/**
 * One model's trials in a comparison, and the spread of each figure over the trials that count.
 *
 * @param setup   the model, its label and its server options
 * @param runs    one per trial, in trial order
 * @param spreads per figure's name ({@link TrialMetric}), its median and range over the trials that count;
 *                a figure no such trial measured is absent
 */
public record ModelResult(ModelSetup setup, List<ModelRun> runs, Map<String, Spread> spreads) {

    public ModelResult {
        runs = List.copyOf(runs);
        spreads = Collections.unmodifiableMap(new LinkedHashMap<>(spreads));
    }

    /** The result of {@code runs}, the trials of {@code setup}. */
    public static ModelResult of(ModelSetup setup, List<ModelRun> runs) {
        List<ModelRun> sorted = runs.stream().sorted(Comparator.comparingInt(ModelRun::trial)).toList();
        Map<String, Spread> spreads = new LinkedHashMap<>();
        for (TrialMetric metric : TrialMetric.values()) {
            Spread spread = Spread.of(sorted.stream().filter(ModelRun::counts).map(run -> metric.of(run.summary()))
                    .toList());
            if (spread != null) {
                spreads.put(metric.metric().name(), spread);
            }
        }
        return new ModelResult(setup, sorted, spreads);
    }

    /** The label, e.g. {@code netty} or {@code netty#2}. */
    public String label() {
        return setup.label();
    }

    /** The model. */
    public LabModel model() {
        return setup.model();
    }

    /** The trials whose numbers stand for the model ({@link ModelRun#counts()}). */
    public List<ModelRun> counted() {
        return runs.stream().filter(ModelRun::counts).toList();
    }

    /** The spread of {@code metric}, or null when no counted trial measured it. */
    public Spread spread(TrialMetric metric) {
        return spreads.get(metric.metric().name());
    }

    /** The median of {@code metric}, or null when no counted trial measured it. */
    public Double median(TrialMetric metric) {
        Spread spread = spread(metric);
        return spread == null ? null : spread.median();
    }

    /**
     * {@code metric} in every counted trial, for the claims; NaN where a trial did not measure it, so a partly
     * measured figure is left out of the comparison rather than judged on the trials that happen to have it.
     */
    public double[] trialValues(TrialMetric metric) {
        return counted().stream().map(run -> metric.of(run.summary()))
                .mapToDouble(value -> value == null ? Double.NaN : value).toArray();
    }

    /**
     * The requests the counted trials meant to send: the flood's planned count, or for a flood whose duration
     * decides, the median sent. Needs a counted trial.
     */
    public double requestsPlanned() {
        Long planned = counted().getFirst().summary().requestsPlanned();
        return planned != null ? planned : median(TrialMetric.REQUESTS_SENT);
    }

    /** True when some trial counts and every counted trial connected everything and answered every planned request. */
    public boolean answeredEverything() {
        List<ModelRun> counted = counted();
        return !counted.isEmpty() && counted.stream().allMatch(run -> run.summary().answeredEverything());
    }

    /** How the trials went: {@code completed} when all alike, else e.g. {@code 4 completed, 1 capped}. */
    public String status() {
        Map<RunStatus, Long> counts = runs.stream()
                .collect(Collectors.groupingBy(ModelRun::status, () -> new EnumMap<>(RunStatus.class),
                        Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next().toString();
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /**
     * The counted trial whose request p99 is the median (the lower of the middle two for an even count): the
     * one whose timelines stand for the model in charts. Null when no trial counts.
     */
    public ModelRun representative() {
        List<ModelRun> counted = counted().stream().sorted(Comparator.comparingDouble(
                run -> Objects.requireNonNullElse(TrialMetric.REQUEST_P99.of(run.summary()), 0.0))).toList();
        return counted.isEmpty() ? null : counted.get((counted.size() - 1) / 2);
    }

    /** The values of {@code metric} in the counted trials that measured it, for charts. */
    public double[] measuredValues(TrialMetric metric) {
        return Arrays.stream(trialValues(metric)).filter(value -> !Double.isNaN(value)).toArray();
    }
}
