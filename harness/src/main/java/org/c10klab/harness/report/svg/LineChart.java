package org.c10klab.harness.report.svg;

import java.util.List;
import java.util.Locale;

/** A line chart of one or more {@link Series} over a shared numeric x axis, e.g. threads over time per model. */
public final class LineChart {

    private LineChart() {
    }

    /**
     * @return a self-contained {@code <svg>} element
     */
    public static String render(String title, String xLabel, String yLabel, List<Series> series) {
        SvgWriter svg = new SvgWriter(title);
        List<Series.Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        if (all.isEmpty()) {
            svg.emptyNote("no samples");
            return svg.finish();
        }
        Axis xAxis = Axis.covering(all.stream().mapToDouble(Series.Point::x).min().orElse(0),
                all.stream().mapToDouble(Series.Point::x).max().orElse(1), 6);
        Axis yAxis = Axis.covering(0, all.stream().mapToDouble(Series.Point::y).max().orElse(1), 5);
        svg.valueAxis(yAxis, yLabel);
        for (double tick : xAxis.ticks()) {
            svg.text(SvgWriter.x(xAxis.fraction(tick)), SvgWriter.TOP + SvgWriter.plotHeight() + 16,
                    Axis.label(tick), "middle", "");
        }
        svg.categoryAxisTitle(xLabel);
        for (int i = 0; i < series.size(); i++) {
            StringBuilder points = new StringBuilder();
            for (Series.Point point : series.get(i).points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        SvgWriter.x(xAxis.fraction(point.x())), SvgWriter.y(yAxis.fraction(point.y()))));
            }
            svg.polyline(points.toString().trim(), Palette.colour(i), series.get(i).name());
        }
        svg.legend(series.stream().map(Series::name).toList());
        return svg.finish();
    }
}
