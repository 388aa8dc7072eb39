package org.c10klab.harness.report.html;

import java.util.List;
import java.util.Locale;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.report.Units;

/**
 * How much of the timelines the "over time" charts show: as long as the floods of the models that answered
 * everything took, so a model that waited out its timeouts (serial: ten seconds) does not squeeze everyone
 * else's second into a sliver; the charts say whose lines are cut.
 *
 * @param seconds the end of the window
 * @param cut     the models whose floods ran longer, with how long
 */
record TimeWindow(double seconds, List<String> cut) {

    /** Cut only lines that run this much longer than the window; a little longer is not worth a note. */
    private static final double SLACK = 1.25;

    static TimeWindow of(List<ModelRun> measured) {
        List<ModelRun> complete = measured.stream().filter(run -> run.summary().answeredEverything()).toList();
        double longest = (complete.isEmpty() ? measured : complete).stream()
                .mapToDouble(run -> run.summary().elapsedSeconds()).max().orElse(0);
        if (longest <= 0) {
            return new TimeWindow(Double.MAX_VALUE, List.of());
        }
        double window = longest * SLACK;
        List<String> cut = measured.stream().filter(run -> run.summary().elapsedSeconds() > window)
                .map(run -> String.format(Locale.ROOT, "%s ran %.1f s", run.label(), run.summary().elapsedSeconds()))
                .toList();
        return new TimeWindow(cut.isEmpty() ? Double.MAX_VALUE : window, cut);
    }

    /** E.g. {@code " (first 1.9 s)"}, or nothing when no line is cut. */
    String titleSuffix() {
        return cut.isEmpty() ? "" : String.format(Locale.ROOT, " (first %.1f s)", seconds);
    }

    /** E.g. {@code " Cut at 1.9 s: serial ran 10.3 s; its results.csv has the rest."}, or nothing. */
    String note() {
        return cut.isEmpty() ? "" : String.format(Locale.ROOT, " Cut at %.1f s: %s; the results.csv next to this "
                + "report has the rest.", seconds, Units.and(cut));
    }
}
