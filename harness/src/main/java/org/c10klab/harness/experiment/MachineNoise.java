package org.c10klab.harness.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c10klab.harness.stats.Claim;
import org.c10klab.harness.stats.Spread;

/**
 * How noisy the machine was while an experiment ran: how busy it was before each trial, how much CPU a
 * hypervisor took, and, when a model ran twice under the same options, how far apart the two came out.
 *
 * @param loadAverage1m   the 1-minute load average read before each trial, over the trials; null when unreadable
 * @param cpuStealPercent CPU time stolen by a hypervisor over the whole run, in percent; null when unreadable
 * @param aaPairs         each pair of groups that ran the same model with the same options
 */
public record MachineNoise(@JsonProperty("load_average_1m") Spread loadAverage1m, Double cpuStealPercent, List<AaPair> aaPairs) {

    public MachineNoise {
        aaPairs = List.copyOf(aaPairs);
    }

    /** The noise of an experiment whose groups are {@code models}, judged by {@code claims}. */
    public static MachineNoise of(List<ModelResult> models, List<Claim> claims, Double cpuStealPercent) {
        Spread load = Spread.of(models.stream().flatMap(model -> model.runs().stream())
                .map(ModelRun::loadAverage1m).filter(Objects::nonNull).toList());
        List<AaPair> pairs = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                ModelResult a = models.get(i);
                ModelResult b = models.get(j);
                if (a.model() == b.model() && a.setup().serverArgs().equals(b.setup().serverArgs())) {
                    pairs.add(AaPair.of(a, b, claims));
                }
            }
        }
        return new MachineNoise(load, cpuStealPercent, pairs);
    }

    /**
     * Two groups of the same server: every difference between them is the machine's noise.
     *
     * @param first        the first group's label, e.g. {@code netty#1}
     * @param second       the second group's label
     * @param medianRatios per judged figure both measured, the larger median over the smaller (at least 1)
     * @param significant  the figures on which a claim between them came out significant: false alarms
     */
    public record AaPair(String first, String second, Map<String, Double> medianRatios, List<String> significant) {

        public AaPair {
            medianRatios = Collections.unmodifiableMap(new LinkedHashMap<>(medianRatios));
            significant = List.copyOf(significant);
        }

        static AaPair of(ModelResult a, ModelResult b, List<Claim> claims) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (TrialMetric metric : TrialMetric.judged()) {
                Double x = a.median(metric);
                Double y = b.median(metric);
                if (x != null && y != null && x > 0 && y > 0) {
                    ratios.put(metric.metric().name(), Math.max(x, y) / Math.min(x, y));
                }
            }
            List<String> significant = claims.stream().filter(Claim::significant)
                    .filter(claim -> List.of(claim.better(), claim.worse()).containsAll(List.of(a.label(), b.label())))
                    .map(Claim::metric).toList();
            return new AaPair(a.label(), b.label(), ratios, significant);
        }
    }
}
