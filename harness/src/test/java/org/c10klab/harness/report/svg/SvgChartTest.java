package org.c10klab.harness.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The chart renderer draws well-formed SVG whose shapes sit where the data says. */
class SvgChartTest {

    @Test
    void aLineChartDrawsOnePolylinePerSeriesScaledToTheData() throws Exception {
        Series flat = new Series("netty", List.of(new Series.Point(0, 20), new Series.Point(10, 20)));
        Series rising = new Series("threads", List.of(new Series.Point(0, 20), new Series.Point(10, 220)));

        Document svg = parse(LineChart.render("OS threads", "seconds", "threads", List.of(flat, rising)));

        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        double[] flatYs = ys(((Element) lines.item(0)).getAttribute("points"));
        double[] risingYs = ys(((Element) lines.item(1)).getAttribute("points"));
        assertThat(flatYs[0]).isEqualTo(flatYs[1]);
        assertThat(risingYs[1]).as("a larger value is drawn higher, i.e. at a smaller y").isLessThan(risingYs[0]);
        assertThat(text(svg)).contains("netty", "threads", "OS threads", "seconds");
    }

    @Test
    void stackedBarsAreAsTallAsTheirTotalsAndGroupedBarsAsTheirValues() throws Exception {
        Map<String, Map<String, Double>> outcomes = new LinkedHashMap<>();
        outcomes.put("netty", segments(200, 0));
        outcomes.put("serial", segments(50, 150));

        Document stacked = parse(BarChart.render("Outcomes", "model", "connections", BarChart.Layout.STACKED, outcomes));
        List<Element> bars = bars(stacked);
        assertThat(bars).hasSize(4);
        double nettyHeight = height(bars.get(0)) + height(bars.get(1));
        double serialHeight = height(bars.get(2)) + height(bars.get(3));
        assertThat(nettyHeight).isEqualTo(serialHeight, offset(0.2));
        assertThat(height(bars.get(3))).isEqualTo(3 * height(bars.get(2)), offset(0.5));

        Document grouped = parse(BarChart.render("p99", "model", "ms", BarChart.Layout.GROUPED, outcomes));
        List<Element> groupedBars = bars(grouped);
        assertThat(height(groupedBars.get(0))).isEqualTo(4 * height(groupedBars.get(2)), offset(0.5));
    }

    @Test
    void emptyDataSaysSoInsteadOfDrawingNothing() throws Exception {
        assertThat(text(parse(LineChart.render("t", "x", "y", List.of())))).contains("no samples");
        assertThat(text(parse(BarChart.render("t", "x", "y", BarChart.Layout.STACKED, Map.of())))).contains("nothing to show");
    }

    @Test
    void labelsAreEscaped() throws Exception {
        Series odd = new Series("<script>&", List.of(new Series.Point(0, 1)));
        Document svg = parse(LineChart.render("a < b", "x", "y", List.of(odd)));
        assertThat(text(svg)).contains("<script>&", "a < b");
        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
    }

    private static Map<String, Double> segments(double ok, double failed) {
        Map<String, Double> segments = new LinkedHashMap<>();
        segments.put("ok", ok);
        segments.put("connect_timeout", failed);
        return segments;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static String text(Document svg) {
        return svg.getDocumentElement().getTextContent();
    }

    private static List<Element> bars(Document svg) {
        NodeList rects = svg.getElementsByTagName("rect");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("bar")) {
                bars.add(rect);
            }
        }
        return bars;
    }

    private static double height(Element rect) {
        return Double.parseDouble(rect.getAttribute("height"));
    }

    private static double[] ys(String points) {
        return Arrays.stream(points.trim().split(" ")).mapToDouble(p -> Double.parseDouble(p.split(",")[1])).toArray();
    }
}
