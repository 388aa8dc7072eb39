package org.c10klab.harness.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The logarithmic scale: equal ratios get equal steps, and line charts can mark their points. */
class SvgScaleTest {

    @Test
    void onALogScaleEachPowerOfTenAddsTheSameHeight() throws Exception {
        Map<String, Double> latencies = new LinkedHashMap<>();
        latencies.put("p50", 10.0);
        latencies.put("p99", 100.0);
        latencies.put("max", 1000.0);

        Document svg = parse(BarChart.render("latency", "model", "ms", BarChart.Layout.GROUPED, Scale.LOG,
                Map.of("netty", latencies)));

        List<Double> heights = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("bar")) {
                heights.add(Double.parseDouble(rect.getAttribute("height")));
            }
        }
        assertThat(heights).hasSize(3);
        assertThat(heights.get(0)).as("the smallest bar still shows").isPositive();
        assertThat(heights.get(1) - heights.get(0)).isEqualTo(heights.get(2) - heights.get(1), offset(0.3));
        assertThat(svg.getDocumentElement().getTextContent()).contains("1000", "100", "10");
    }

    @Test
    void stackedBarsRefuseALogScale() {
        assertThatThrownBy(() -> BarChart.render("t", "x", "y", BarChart.Layout.STACKED, Scale.LOG, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineChartWithDotsMarksEveryPoint() throws Exception {
        Series series = new Series("netty", List.of(new Series.Point(10, 1), new Series.Point(1000, 100)));

        Document svg = parse(LineChart.render("p99", "connections", "ms", List.of(series), Scale.LOG, Scale.LOG, true));

        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(1);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
