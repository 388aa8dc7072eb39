package org.c10klab.harness.report.html;

import java.util.List;
import java.util.Map;
import org.c10klab.harness.result.Environment;

/**
 * Builds one self-contained HTML page: inline CSS, escaped text, tables and inline SVG charts; no scripts,
 * fonts or anything else fetched from the network, so the file reads the same offline and years later.
 */
final class HtmlPage {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 24px auto; max-width: 1560px; padding: 0 16px; color: #222; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .sub { color: #666; margin-top: 0; }
            .warn { background: #fff3cd; border: 1px solid #e0c36a; padding: 8px 12px; }
            ul.verdict li { margin: 6px 0; line-height: 1.4; }
            table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { margin: 0; border: 1px solid #e4e4e4; padding: 4px; background: #fff;
                     flex: 1 1 600px; max-width: 740px; }
            figure svg { display: block; width: 100%; height: auto; }
            figcaption { font-size: 12px; color: #555; padding: 2px 6px 6px; }
            pre { background: #f6f6f6; padding: 8px 12px; overflow-x: auto; }
            """;

    private final StringBuilder html = new StringBuilder();

    HtmlPage(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    /** When a run started and how long it took, e.g. {@code Started 2025-01-02 10:00:00 UTC, took 29 s}. */
    static String when(String startedAt, double elapsedSeconds) {
        return "Started " + startedAt.replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC") + ", took "
                + Math.round(elapsedSeconds) + " s";
    }

    /** A grey line under the title. */
    HtmlPage subtitle(String text) {
        html.append("<p class=\"sub\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A highlighted warning, e.g. that the run is partial. */
    HtmlPage warning(String text) {
        html.append("<p class=\"warn\">").append(escape(text)).append("</p>\n");
        return this;
    }

    HtmlPage section(String title) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
        return this;
    }

    HtmlPage paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A bulleted list of sentences. */
    HtmlPage sentences(List<String> items) {
        html.append("<ul class=\"verdict\">");
        items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>"));
        html.append("</ul>\n");
        return this;
    }

    /**
     * A table; cells of a numeric column are right-aligned.
     *
     * @param titles tooltips for the headers, or null
     */
    HtmlPage table(List<String> headers, List<String> titles, List<Boolean> numeric, List<List<String>> rows) {
        html.append("<table><thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            html.append(titles == null ? "<th>" : "<th title=\"" + escape(titles.get(c)) + "\">")
                    .append(escape(headers.get(c))).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append(numeric.get(c) ? "<td class=\"num\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>\n");
        return this;
    }

    /** Charts side by side as the page's width allows, each an inline {@code <svg>} with a caption. */
    HtmlPage charts(List<Chart> charts) {
        html.append("<div class=\"charts\">");
        for (Chart chart : charts) {
            html.append("<figure>").append(chart.svg()).append("<figcaption>").append(escape(chart.caption()))
                    .append("</figcaption></figure>");
        }
        html.append("</div>\n");
        return this;
    }

    /** A list of links to files next to this page, text to relative address. */
    HtmlPage links(Map<String, String> textToHref) {
        html.append("<ul>");
        textToHref.forEach((text, href) -> html.append("<li><a href=\"").append(escape(href)).append("\">")
                .append(escape(text)).append("</a></li>"));
        html.append("</ul>\n");
        return this;
    }

    /** Preformatted text, e.g. a command to copy. */
    HtmlPage code(String text) {
        html.append("<pre><code>").append(escape(text)).append("</code></pre>\n");
        return this;
    }

    /** The machine and the kernel settings that decide what a flood can show. */
    HtmlPage environment(Environment env) {
        List<List<String>> rows = List.of(
                List.of("JDK", env.jdk() + ", " + env.jvm()),
                List.of("kernel", env.os() + " " + env.kernel()),
                List.of("cores", Integer.toString(env.cores())),
                List.of("net.core.somaxconn", text(env.somaxconn()) + " (the ceiling of every listen backlog)"),
                List.of("open-file limit", text(env.openFileLimit()) + " (ulimit -n of the harness: its most sockets)"),
                List.of("kernel.pid_max", text(env.pidMax()) + " (near where thread-per-connection servers die)"),
                List.of("net.ipv4.tcp_abort_on_overflow", text(env.tcpAbortOnOverflow())
                        + " (0: a full accept queue drops the final ACK; 1: it resets)"),
                List.of("net.ipv4.tcp_syn_linear_timeouts", text(env.tcpSynLinearTimeouts())),
                List.of("net.ipv4.ip_local_port_range", env.ipLocalPortRange() == null ? "?" : env.ipLocalPortRange()),
                List.of("host", env.hostname() == null ? "?" : env.hostname()));
        return table(List.of("setting", "value"), null, List.of(false, false), rows);
    }

    /** The finished page. */
    String finish() {
        return html.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String text(Long value) {
        return value == null ? "?" : value.toString();
    }

    /**
     * One chart of a page.
     *
     * @param svg     an {@code <svg>} element from {@code report/svg}
     * @param caption one sentence on what to look for
     */
    record Chart(String svg, String caption) {
    }
}
