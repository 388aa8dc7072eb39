package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.report.svg.TrialStackChart;

/**
 * backlog-outcomes.svg: how the clients of each trial ended, one stacked bar per trial, a cell's trials
 * side by side, in percent of the burst so that a burst of 10 reads as well as one of 200 and the spread
 * between trials shows at a glance.
 */
public final class BacklogChart {

    /** The file the chart is written to, beside backlog.md, which shows it. */
    public static final String FILE_NAME = "backlog-outcomes.svg";

    private BacklogChart() {
    }

    /** The chart as a self-contained SVG document. */
    public static String svg(BacklogResult result) {
        Map<String, List<Map<String, Double>>> cells = new LinkedHashMap<>();
        for (BacklogCell cell : result.cells()) {
            List<Map<String, Double>> trials = new ArrayList<>();
            for (BacklogRun run : cell.runs()) {
                ClientOutcomes clients = run.clients();
                double percent = 100.0 / Math.max(1, clients.total());
                Map<String, Double> segments = new LinkedHashMap<>();
                segments.put("ok", clients.ok() * percent);
                segments.put("connected, unanswered", clients.connectedUnanswered() * percent);
                segments.put("connect_timeout", clients.connectTimeout() * percent);
                segments.put("reset", clients.reset() * percent);
                segments.put("refused", clients.refused() * percent);
                segments.put("other", clients.other() * percent);
                trials.add(segments);
            }
            cells.put(cell.connections() + " / b" + cell.backlog(), trials);
        }
        return TrialStackChart.render("How the clients ended, trial by trial", "burst / backlog (one bar per trial)",
                "% of the burst", cells);
    }
}
