package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.c10klab.harness.experiment.MachineNoise;
import org.c10klab.harness.experiment.TrialMetric;
import org.c10klab.harness.stats.Spread;

/** The machine's noise during an experiment in sentences, for the console and report.html alike. */
public final class NoiseDescription {

    private NoiseDescription() {
    }

    /** Load, CPU steal, and each A/A pair's distance; a hint at the A/A check when none ran. */
    public static List<String> of(MachineNoise noise, int cores) {
        List<String> sentences = new ArrayList<>();
        Spread load = noise.loadAverage1m();
        if (load != null) {
            sentences.add("Load average (1 min) before " + (load.trials() == 1 ? "the trial: " : "each trial: ")
                    + Units.spread(load.median(), load.min(), load.max(), NoiseDescription::twoDecimals) + " on "
                    + cores + " cores" + (load.median() > cores
                            ? ": the machine was busier than its cores, so expect wider spreads." : "."));
        }
        Double steal = noise.cpuStealPercent();
        if (steal != null) {
            sentences.add(steal > 0
                    ? String.format(Locale.ROOT, "CPU steal over the run: %.1f%% of the CPU time went to other guests "
                            + "of the hypervisor.", steal)
                    : "No CPU steal over the run.");
        }
        for (MachineNoise.AaPair pair : noise.aaPairs()) {
            sentences.add(aa(pair));
        }
        if (noise.aaPairs().isEmpty()) {
            sentences.add("To see what noise alone does here, run a model twice: --models netty,netty (an A/A check).");
        }
        return sentences;
    }

    private static String aa(MachineNoise.AaPair pair) {
        StringBuilder line = new StringBuilder("A/A check, ").append(pair.first()).append(" vs ").append(pair.second())
                .append(" (the same server twice)");
        Map.Entry<String, Double> widest = pair.medianRatios().entrySet().stream()
                .max(Comparator.comparingDouble(Map.Entry::getValue)).orElse(null);
        if (widest != null) {
            double closest = pair.medianRatios().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            line.append(": medians ").append(Units.factor(closest)).append("x to ").append(Units.factor(widest.getValue()))
                    .append('x')
                    .append(" apart (widest: ").append(label(widest.getKey())).append(')');
        }
        if (pair.significant().isEmpty()) {
            return line.append("; no claim between them is significant, as it should be.").toString();
        }
        return line.append("; yet a claim on ").append(Units.and(pair.significant().stream()
                        .map(NoiseDescription::label).toList()))
                .append(" came out significant: a false alarm, rare at the claims' 1% level; if it recurs, the "
                        + "machine drifts faster than the rounds interleave.").toString();
    }

    private static String label(String metricName) {
        return TrialMetric.named(metricName).metric().label();
    }

    private static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
