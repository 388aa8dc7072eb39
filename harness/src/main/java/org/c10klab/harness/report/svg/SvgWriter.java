package org.c10klab.harness.report.svg;

import java.util.List;
import java.util.Locale;

/** Builds SVG markup: the frame, escaped text, and the axis furniture every chart shares. */
final class SvgWriter {

    static final int WIDTH = 720;
    static final int HEIGHT = 360;
    static final int LEFT = 70;
    static final int RIGHT = 160;
    static final int TOP = 40;
    static final int BOTTOM = 60;

    private final StringBuilder svg = new StringBuilder();

    SvgWriter(String title) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">")
                .append("<title>").append(escape(title)).append("</title>");
        text(WIDTH / 2.0, 22, title, "middle", "font-size=\"15\" font-weight=\"bold\"");
    }

    static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** The y pixel of an axis fraction (0 = bottom of the plot). */
    static double y(double fraction) {
        return TOP + plotHeight() * (1 - fraction);
    }

    /** The x pixel of an axis fraction (0 = left of the plot). */
    static double x(double fraction) {
        return LEFT + plotWidth() * fraction;
    }

    /** Horizontal grid lines and labels for the value axis, and the y-axis title. */
    void valueAxis(Axis axis, String label) {
        for (double tick : axis.ticks()) {
            double y = y(axis.fraction(tick));
            line(LEFT, y, LEFT + plotWidth(), y, "#dddddd");
            text(LEFT - 6, y + 4, Axis.label(tick), "end", "");
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>",
                TOP + plotHeight() / 2, TOP + plotHeight() / 2, escape(label)));
        line(LEFT, TOP + plotHeight(), LEFT + plotWidth(), TOP + plotHeight(), "#333333");
    }

    /** The x-axis title under the plot. */
    void categoryAxisTitle(String label) {
        text(LEFT + plotWidth() / 2, HEIGHT - 12, label, "middle", "");
    }

    /** A colour key to the right of the plot. */
    void legend(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            double y = TOP + 10 + i * 20;
            rect(WIDTH - RIGHT + 14, y - 9, 12, 12, Palette.colour(i), "legend");
            text(WIDTH - RIGHT + 32, y + 1, names.get(i), "start", "");
        }
    }

    void line(double x1, double y1, double x2, double y2, String colour) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                x1, y1, x2, y2, colour));
    }

    void rect(double x, double y, double width, double height, String colour, String cssClass) {
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                cssClass, x, y, width, Math.max(0, height), colour));
    }

    /** A rectangle with a tooltip, e.g. a bar saying what it stands for. */
    void rect(double x, double y, double width, double height, String colour, String cssClass, String tooltip) {
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s</title></rect>",
                cssClass, x, y, width, Math.max(0, height), colour, escape(tooltip)));
    }

    /** A dot marking one data point, with a tooltip. */
    void dot(double x, double y, String colour, String tooltip) {
        svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                + "<title>%s</title></circle>", x, y, colour, escape(tooltip)));
    }

    void polyline(String points, String colour, String name) {
        svg.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                .append("\" points=\"").append(points).append("\"><title>").append(escape(name)).append("</title></polyline>");
    }

    void text(double x, double y, String text, String anchor, String attributes) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>",
                x, y, anchor, attributes, escape(text)));
    }

    /** A note in the middle of an empty plot, so a chart without data says so instead of looking broken. */
    void emptyNote(String note) {
        text(LEFT + plotWidth() / 2, TOP + plotHeight() / 2, note, "middle", "fill=\"#888888\"");
    }

    String finish() {
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
