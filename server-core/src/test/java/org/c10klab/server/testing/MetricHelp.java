package org.c10klab.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks the {@code # HELP} lines of a Prometheus text exposition: every family needs one saying something. */
public final class MetricHelp {

    private MetricHelp() {
    }

    /** The families of {@code exposition} (by their {@code # TYPE} line) whose HELP text is missing or blank. */
    public static List<String> familiesWithoutHelp(String exposition) {
        Map<String, String> help = new HashMap<>();
        List<String> families = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            String[] words = line.split(" ", 4);
            if (words.length >= 3 && words[0].equals("#") && words[1].equals("HELP")) {
                help.put(words[2], words.length == 4 ? words[3].strip() : "");
            } else if (words.length >= 3 && words[0].equals("#") && words[1].equals("TYPE")) {
                families.add(words[2]);
            }
        }
        return families.stream().filter(family -> help.getOrDefault(family, "").isEmpty()).toList();
    }
}
