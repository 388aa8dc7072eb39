package org.c10klab.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric families of a Prometheus text exposition, in order: name, type, HELP text and the label names
 * its samples carry ({@code le} and {@code quantile}, which every histogram or summary has, left out).
 */
final class MetricFamilies {

    /** One family as a scrape shows it. */
    record Family(String name, String type, String help, Set<String> labels) {
    }

    private MetricFamilies() {
    }

    /** The families of {@code exposition} by name, in the order the scrape lists them. */
    static Map<String, Family> of(String exposition) {
        Map<String, String> help = new LinkedHashMap<>();
        Map<String, String> type = new LinkedHashMap<>();
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        String current = null;
        for (String line : exposition.split("\n")) {
            String[] words = line.split(" ", 4);
            if (line.startsWith("# HELP ") && words.length >= 3) {
                help.put(words[2], words.length == 4 ? words[3] : "");
            } else if (line.startsWith("# TYPE ") && words.length >= 4) {
                current = words[2];
                type.put(current, words[3]);
                labels.put(current, new TreeSet<>());
            } else if (!line.isBlank() && !line.startsWith("#") && current != null) {
                labels.get(current).addAll(labelNames(line));
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        type.forEach((name, kind) -> families.put(name, new Family(name, kind, help.getOrDefault(name, ""),
                Set.copyOf(labels.get(name)))));
        return families;
    }

    private static Set<String> labelNames(String sample) {
        Set<String> names = new TreeSet<>();
        int open = sample.indexOf('{');
        if (open < 0) {
            return names;
        }
        // name{a="x",b="y"} value: label values may hold commas and braces, so walk the quotes.
        int i = open + 1;
        while (i < sample.length() && sample.charAt(i) != '}') {
            int eq = sample.indexOf('=', i);
            names.add(sample.substring(i, eq).replace(",", "").strip());
            int end = eq + 2;
            while (sample.charAt(end) != '"') {
                end += sample.charAt(end) == '\\' ? 2 : 1;
            }
            i = end + 1;
            if (i < sample.length() && sample.charAt(i) == ',') {
                i++;
            }
        }
        names.remove("le");
        names.remove("quantile");
        return names;
    }
}
