package org.c10klab.harness.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.PrometheusTargets;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.run.FloodRun;
import org.c10klab.harness.run.SamplingOptions;
import org.c10klab.server.observe.MetricsHttpServer;
import org.c10klab.server.testing.HttpText;
import org.c10klab.server.testing.MetricHelp;
import org.c10klab.server.transport.TransportSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code deploy/} files against a real Prometheus: it scrapes a netty server and a virtual one,
 * each in its own JVM, and a flood against netty, all found through the file {@code --prometheus-sd}
 * writes; then every recording rule and every Grafana panel query must return data with the labels it
 * promises, and the server's p99 from its histogram must agree with the harness's own to within an order
 * of magnitude. Skipped, with a message, only where Prometheus is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrometheusDeployTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "c10k-lab.json");
    /** The dashboard's variables as Grafana fills them for "All" and a short range. */
    private static final Map<String, String> VARIABLES = Map.of("$model", ".*", "$__rate_interval", "1m");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void everyRuleAndPanelQueryReturnsDataFromARealScrapeAndTheServerP99MatchesTheHarnesss() throws Exception {
        Optional<Path> binary = RealPrometheus.binary("prometheus");
        assumeTrue(binary.isPresent(), "prometheus is not installed (Debian: apt-get install prometheus); "
                + "the shipped rules and dashboard were not checked against it");
        try (RealPrometheus prometheus = RealPrometheus.start(binary.get(), folder.resolve("prometheus"));
             ServerProcess netty = ServerProcess.start(LabModel.NETTY.serverArgs());
             ServerProcess virtual = ServerProcess.start(LabModel.VIRTUAL.serverArgs())) {
            // 20 connections x SLEEP 5 for 4 s: about 16 000 commands of ~5 ms, long enough for 1 s scrapes.
            FloodConfig config = FloodCommand.parseConfig("--target", "127.0.0.1:" + netty.address().getPort(),
                    "-c", "20", "--duration", "4s", "--command", "SLEEP 5", "--no-warmup");
            FloodRun flood = new FloodRun(config, netty.address(), TransportSelection.select(config.transport()),
                    SamplingOptions.none(), point -> { });
            try (MetricsHttpServer harness = new MetricsHttpServer(InetAddress.getLoopbackAddress().getHostAddress(),
                    0, flood.registry()::scrape, () -> true, Map.of())) {
                PrometheusTargets targets = new PrometheusTargets(prometheus.targetsFile());
                targets.publish(List.of(
                        target(netty.listening().metrics(), PrometheusTargets.JOB_SERVER, "netty"),
                        target(virtual.listening().metrics(), PrometheusTargets.JOB_SERVER, "virtual"),
                        target(harness.address(), PrometheusTargets.JOB_HARNESS, "netty")));
                await().atMost(WAIT).until(() -> prometheus.query("up == 1").size() == 3);

                FloodResult result = flood.run().result();
                // Each request answered ok was executed by the server first.
                long answered = result.requests().count(Outcome.OK);
                assertThat(answered).isGreaterThan(100);
                // Wait for scrapes that saw the whole flood: the harness's final count, and the server's.
                await().atMost(WAIT).until(() -> prometheus.single("sum(harness_request_seconds_count)")
                        == result.requestLatency().count());
                await().atMost(WAIT).until(() -> prometheus.single(
                        "sum(server_commands_seconds_count{job=\"c10k-server\", command=\"SLEEP\"})") >= answered);

                assertEveryRecordingRuleReturnsDataWithItsLevelsLabels(prometheus);
                assertEveryPanelQueryReturnsDataWithItsLegendsLabels(prometheus);

                double serverP99 = prometheus.single("histogram_quantile(0.99, sum by (le) "
                        + "(rate(server_commands_seconds_bucket{model=\"netty\", command=\"SLEEP\"}[1m])))");
                double harnessP99 = result.requestLatency().p99Ms() / 1000;
                assertThat(serverP99 / harnessP99).as("server p99 %s s, harness p99 %s s", serverP99, harnessP99)
                        .isBetween(0.1, 10.0);

                for (String metrics : List.of(netty.metricsUrl(), virtual.metricsUrl())) {
                    assertThat(MetricHelp.familiesWithoutHelp(HttpText.get(metrics))).as(metrics).isEmpty();
                }
                // Prometheus itself evaluated every rule, alerts included, without an error.
                await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.rules())
                        .allSatisfy(rule -> assertThat(rule.path("health").asText()).as(rule.toString())
                                .isEqualTo("ok")));
            }
        }
    }

    @Test
    void promtoolAcceptsTheShippedConfigurationAndRules() throws Exception {
        Optional<Path> promtool = RealPrometheus.binary("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not installed (Debian: apt-get install prometheus)");
        Path rules = RealPrometheus.SHIPPED.resolve("rules");
        assertThat(run(promtool.get().toString(), "check", "config",
                RealPrometheus.SHIPPED.resolve("prometheus.yml").toString()))
                .contains("SUCCESS: 2 rule files found");
        assertThat(run(promtool.get().toString(), "check", "rules", rules.resolve("recording.yml").toString(),
                rules.resolve("alerts.yml").toString()))
                .contains("recording.yml", "alerts.yml").doesNotContain("FAILED");
    }

    private static void assertEveryRecordingRuleReturnsDataWithItsLevelsLabels(RealPrometheus prometheus)
            throws IOException, InterruptedException {
        List<JsonNode> recording = prometheus.rules().stream()
                .filter(rule -> rule.path("type").asText().equals("recording")).toList();
        assertThat(recording).as("the shipped recording rules, as Prometheus loaded them").hasSizeGreaterThan(5);
        for (JsonNode rule : recording) {
            String name = rule.path("name").asText();
            // level:metric:operations; the level names the labels the rule aggregates by, e.g. model_command.
            Set<String> level = new TreeSet<>(List.of(name.substring(0, name.indexOf(':')).split("_")));
            List<JsonNode> series = prometheus.query(rule.path("query").asText());
            assertThat(series).as(name).isNotEmpty();
            for (JsonNode one : series) {
                assertThat(labelNames(one)).as(name + ": " + one).isEqualTo(level);
            }
        }
    }

    private static void assertEveryPanelQueryReturnsDataWithItsLegendsLabels(RealPrometheus prometheus)
            throws IOException, InterruptedException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> checked = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String query = target.path("expr").asText();
                for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
                    query = query.replace(variable.getKey(), variable.getValue());
                }
                String what = panel.path("title").asText() + ": " + query;
                List<JsonNode> series = prometheus.query(query);
                assertThat(series).as(what).isNotEmpty();
                Matcher legend = LEGEND_LABEL.matcher(target.path("legendFormat").asText());
                while (legend.find()) {
                    String label = legend.group(1);
                    assertThat(series).as(what).allSatisfy(one ->
                            assertThat(one.path("metric").path(label).asText()).as(label).isNotEmpty());
                }
                checked.add(what);
            }
        }
        assertThat(checked).as("panel queries").hasSizeGreaterThan(5);
    }

    private static Set<String> labelNames(JsonNode series) {
        Set<String> names = new TreeSet<>();
        series.path("metric").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static PrometheusTargets.Target target(String address, String job, String model) {
        return new PrometheusTargets.Target(address, Map.of(PrometheusTargets.LABEL_JOB, job,
                PrometheusTargets.LABEL_MODEL, model, PrometheusTargets.LABEL_TRIAL, "1"));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
