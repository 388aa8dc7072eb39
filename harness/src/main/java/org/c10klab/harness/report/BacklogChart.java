package org.c10klab.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.report.svg.BarChart;

/**
 * backlog-outcomes.svg: how the clients of each cell ended, one stacked bar per burst and backlog, in
 * percent of the burst so that a burst of 10 reads as well as one of 200.
 */
public final class BacklogChart {

    /** The file the chart is written to, beside backlog.md, which shows it. */
    public static final String FILE_NAME = "backlog-outcomes.svg";

    private BacklogChart() {
    }

    /** The chart as a self-contained SVG document. */
    public static String svg(BacklogResult result) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (BacklogCell cell : result.cells()) {
            ClientOutcomes clients = cell.clients();
            double percent = 100.0 / Math.max(1, clients.total());
            Map<String, Double> segments = new LinkedHashMap<>();
            segments.put("ok", clients.ok() * percent);
            segments.put("connected, unanswered", clients.connectedUnanswered() * percent);
            segments.put("connect_timeout", clients.connectTimeout() * percent);
            segments.put("reset", clients.reset() * percent);
            segments.put("refused", clients.refused() * percent);
            segments.put("other", clients.other() * percent);
            bars.put(cell.connections() + " / b" + cell.backlog(), segments);
        }
        return BarChart.render("How the clients ended", "burst / backlog", "% of the burst",
                BarChart.Layout.STACKED, bars);
    }
}
