package org.c10klab.harness.report.svg;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A line chart of one or more {@link Series} over a shared numeric x axis, e.g. threads over time per model. */
public final class LineChart {

    private LineChart() {
    }

    /**
     * @return a self-contained {@code <svg>} element
     */
    public static String render(String title, String xLabel, String yLabel, List<Series> series) {
        return render(title, xLabel, yLabel, series, Scale.LINEAR, Scale.LINEAR, false);
    }

    /**
     * As {@link #render(String, String, String, List)}, on chosen scales, e.g. a logarithmic x for connections
     * swept from 10 to 10 000.
     *
     * @param dots a dot on every point, for series of a few measured values rather than a dense timeline
     */
    public static String render(String title, String xLabel, String yLabel, List<Series> series, Scale xScale,
                                Scale yScale, boolean dots) {
        SvgWriter svg = new SvgWriter(title);
        List<Series.Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        if (all.isEmpty()) {
            svg.emptyNote("no samples");
            return svg.finish();
        }
        Axis xAxis = Axis.covering(xScale, lowest(all, Series.Point::x, xScale),
                all.stream().mapToDouble(Series.Point::x).max().orElse(1), 6);
        Axis yAxis = Axis.covering(yScale, yScale == Scale.LOG ? lowest(all, Series.Point::y, yScale) : 0,
                all.stream().mapToDouble(Series.Point::y).max().orElse(1), 5);
        svg.valueAxis(yAxis, yLabel);
        for (double tick : xAxis.ticks()) {
            svg.text(SvgWriter.x(xAxis.fraction(tick)), SvgWriter.TOP + SvgWriter.plotHeight() + 16,
                    Axis.label(tick), "middle", "");
        }
        svg.categoryAxisTitle(xLabel);
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            StringBuilder points = new StringBuilder();
            for (Series.Point point : line.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        SvgWriter.x(xAxis.fraction(point.x())), SvgWriter.y(yAxis.fraction(point.y()))));
            }
            svg.polyline(points.toString().trim(), Palette.colour(i), line.name());
            if (dots) {
                for (Series.Point point : line.points()) {
                    svg.dot(SvgWriter.x(xAxis.fraction(point.x())), SvgWriter.y(yAxis.fraction(point.y())),
                            Palette.colour(i),
                            line.name() + ": " + Axis.label(point.x()) + ", " + Axis.label(point.y()));
                }
            }
        }
        svg.legend(series.stream().map(Series::name).toList());
        return svg.finish();
    }

    /** The smallest value, or for a logarithmic scale the smallest positive one. */
    private static double lowest(List<Series.Point> points, ToDoubleFunction<Series.Point> value, Scale scale) {
        return points.stream().mapToDouble(value).filter(v -> scale == Scale.LINEAR || v > 0).min().orElse(1);
    }
}
