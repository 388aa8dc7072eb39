package org.c10klab.harness.record;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format as far as sampling needs: each metric name's value,
 * summed over its label sets (so {@code jvm_threads_live_threads} of one process is one number).
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** Metric name to the sum of its samples; comments, blank lines and unparsable values are skipped. */
    public static Map<String, Double> sums(String exposition) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : exposition.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int labels = line.indexOf('{');
            int nameEnd;
            int valueStart;
            if (labels >= 0) {
                nameEnd = labels;
                valueStart = line.indexOf('}', labels) + 1;
                if (valueStart == 0) {
                    continue;
                }
            } else {
                nameEnd = line.indexOf(' ');
                valueStart = nameEnd;
                if (nameEnd < 0) {
                    continue;
                }
            }
            String[] rest = line.substring(valueStart).trim().split("\\s+");
            try {
                double value = Double.parseDouble(rest[0]);
                sums.merge(line.substring(0, nameEnd), value, Double::sum);
            } catch (NumberFormatException e) {
                // NaN is parsed; anything else is not a sample we can use.
            }
        }
        return sums;
    }
}
