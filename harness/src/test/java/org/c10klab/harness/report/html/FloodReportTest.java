package org.c10klab.harness.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.cli.C10k;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a real flood: its tables and charts carry the run's own numbers, and it draws in headless
 * Chromium (the screenshot is kept in target/chromium/).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FloodReportTest {

    private static final Path SCREENSHOT = Path.of("target", "chromium", "flood-report.png");
    private static final Pattern POLYLINE = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"><title>([^<]*)</title>");

    @TempDir
    Path dir;

    @Test
    void theChartsAndTablesCarryTheRunsData() throws Exception {
        Path out = flood();
        FloodResult result = ResultJson.read(out.resolve("results.json"));
        String html = Files.readString(out.resolve("report.html"));

        assertThat(html).contains("<h1>c10k flood: " + result.config().target() + "</h1>")
                .contains("<td>ok</td><td class=\"num\">3</td><td class=\"num\">"
                        + result.requests().count(Outcome.OK) + "</td>")
                .doesNotContain("<script", " src=", "url(");
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(5);
        assertThat(pointsOf(html, "ok req/s")).isEqualTo(result.timeline().size());
        assertThat(pointsOf(html, "requests ok")).isEqualTo(result.timeline().size());
        assertThat(pointsOf(html, "OS threads")).isEqualTo(result.timeline().stream()
                .filter(p -> p.target() != null && p.target().threads() != null).count());
        // One point per interval that had replies: a 2 s run sampled every 250 ms has several.
        long requestIntervals = Pattern.compile("(?m)^Tag=request,").matcher(
                Files.readString(out.resolve("latency.hlog"))).results().count();
        assertThat(requestIntervals).isGreaterThanOrEqualTo(4);
        for (String percentile : List.of("p50", "p90", "p99")) {
            assertThat(pointsOf(html, percentile)).as(percentile).isBetween(4L, requestIntervals);
        }
    }

    @Test
    void itDrawsInChromium() throws Exception {
        BufferedImage shot = ChromiumTestUtil.screenshot(flood().resolve("report.html"), SCREENSHOT, 2400, dir);
        long coloured = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                if (ChromiumTestUtil.saturation(shot.getRGB(x, y) & 0xFFFFFF) > 80) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).as("coloured pixels: the chart lines").isGreaterThan(2_000);
    }

    /** Runs a 2 s flood against a scripted server in this JVM, sampling this JVM as the target. */
    @Test
    void aMixShowsEachCommandBesideTheTotals() throws Exception {
        Path out = flood("--command", "PING:weight=3", "--command", "ECHO hi");
        FloodResult result = ResultJson.read(out.resolve("results.json"));
        String html = Files.readString(out.resolve("report.html"));

        assertThat(result.commands()).hasSize(2);
        for (CommandResult command : result.commands()) {
            assertThat(command.latency().count()).isPositive();
            assertThat(html).contains("<td>" + command.command() + "</td><td class=\"num\">"
                    + command.latency().count() + "</td>");
        }
    }

    private Path flood(String... workload) throws Exception {
        Path out = dir.resolve("flood");
        List<String> args = new ArrayList<>();
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            args.addAll(List.of("flood", "--target", server.target(), "-c", "3", "-d", "2s", "--think", "10ms",
                    "--target-pid", Long.toString(ProcessHandle.current().pid()), "--quiet", "--out", out.toString()));
            args.addAll(List.of(workload));
            int exit = C10k.commandLine().setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(new StringWriter()))
                    .execute(args.toArray(String[]::new));
            assertThat(exit).isZero();
        }
        return out;
    }

    /** How many points the line named {@code name} has. */
    private static long pointsOf(String html, String name) {
        Matcher m = POLYLINE.matcher(html);
        while (m.find()) {
            if (m.group(2).equals(name)) {
                return m.group(1).isBlank() ? 0 : m.group(1).trim().split(" ").length;
            }
        }
        throw new AssertionError("no line named " + name);
    }
}
