package org.c10klab.harness.report.svg;

import java.util.List;

/**
 * One named line of a {@link LineChart}: points in x order.
 *
 * @param name   the legend label, e.g. a model name
 * @param points (x, y) pairs; x ascending
 */
public record Series(String name, List<Point> points) {

    /** One sample of a series. */
    public record Point(double x, double y) {
    }

    public Series {
        points = List.copyOf(points);
    }
}
