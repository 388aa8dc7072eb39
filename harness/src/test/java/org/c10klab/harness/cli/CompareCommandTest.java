package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.experiment.ComparePlan;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ExperimentTestUtil;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.experiment.RunStatus;
import org.c10klab.harness.report.CompareFormat;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.report.SummaryCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code c10k compare} as a user runs it, against real servers in child JVMs: the table, the verdict, the files. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CompareCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void putsThreeModelsSideBySideWithAVerdictAndWritesEveryFile(@TempDir Path dir) throws Exception {
        // Serial needs 20 x 100 ms = 2 s for this flood, so a 1 s response timeout leaves it failures to explain.
        // The cap is raised so a loaded machine (where serial took longer than the default 2 s cap) still shows them.
        int exit = compare("--models", "netty,virtual,serial", "--repeat", "1", "-c", "20", "-n", "2",
                "--command", "SLEEP 50", "--response-timeout", "1s", "--serial-cap", "30s", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains("compare: netty, virtual, serial, each in its own JVM",
                        "flood:   20 connections at once, 2 x SLEEP 50 each, closed model; connect timeout 2s, "
                                + "response timeout 1s")
                .containsPattern("model\\s+status\\s+connects\\s+requests\\s+req/s\\s+conn p99\\s+p50\\s+p99\\s+"
                        + "p99\\.9\\s+max\\s+OS thr\\s+virt thr\\s+RSS MiB\\s+CPU s\\s+failed")
                .containsPattern("netty\\s+completed\\s+20/20\\s+40/40")
                .containsPattern("virtual\\s+completed\\s+20/20\\s+40/40")
                .containsPattern("serial\\s+completed\\s+20/20\\s+\\d+/40 .*response_timeout")
                .contains("verdict:", "netty and virtual answered all 40 requests from all 20 connections.",
                        "  - serial answered ", "never got a reply: connected is not served",
                        "reproduce: ./c10k compare --models netty,virtual,serial --repeat 1 -c 20",
                        "No difference in latency, throughput, CPU or memory is claimed", "noise:",
                        "Load average (1 min) before");
        // The virtual-thread sentence needs a /metrics sample taken while the 100 ms flood ran: timing, so not asserted.
        assertThat(err.toString()).contains("[1/3] netty: starting c10k server netty", "[3/3] serial: starting");

        CompareResult written = ResultJson.mapper().readValue(dir.resolve("compare.json").toFile(),
                CompareResult.class);
        assertThat(written.models()).extracting(ModelResult::label).containsExactly("netty", "virtual", "serial");
        assertThat(written.trials()).allMatch(run -> run.status() == RunStatus.COMPLETED && run.server() != null);
        assertThat(written.verdict()).isNotEmpty();
        assertThat(written.claims()).as("one trial each: nothing to judge").isEmpty();
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertThat(csv).hasSize(4).first().isEqualTo(CompareFormat.TRIAL_HEADER + "," + SummaryCsv.HEADER);
        assertThat(csv.get(1)).matches("netty,1,1,[0-9.]*,netty,completed,,20,20,,40,40,40,,0,.*");
        for (String model : List.of("netty", "virtual", "serial")) {
            Path trial = dir.resolve(model).resolve("trial-1");
            FloodTestUtil.assertAccounting(ResultJson.read(trial.resolve("results.json")));
            assertThat(trial.resolve("results.csv")).isNotEmptyFile();
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg", "Verdict", "net.core.somaxconn");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS) // four server JVMs one after another: slow on a busy machine
    void repeatedTrialsAreInterleavedAndCompareJsonKeepsEveryTrialAndEveryClaim(@TempDir Path dir) throws Exception {
        int exit = compare("--models", "netty,virtual", "--repeat", "2", "-c", "5", "-n", "20", "--command", "PING",
                "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[1/4] netty trial 1/2: starting", "[2/4] virtual trial 1/2: starting",
                "[3/4] virtual trial 2/2: starting", "[4/4] netty trial 2/2: starting");
        assertThat(out.toString()).contains("compare: netty, virtual, each in its own JVM, one after another; "
                        + "2 trials each", "median [min-max] over 2 trials per model")
                .containsPattern("netty\\s+completed\\s+5/5\\s+100/100");
        JsonNode json = ResultJson.mapper().readTree(dir.resolve("compare.json").toFile());
        assertThat(json.get("repeat").asInt()).isEqualTo(2);
        assertThat(json.get("noise").get("load_average_1m").get("trials").asInt()).isEqualTo(4);
        JsonNode netty = json.get("models").get(0);
        assertThat(netty.get("setup").get("label").asText()).isEqualTo("netty");
        assertThat(netty.get("runs")).hasSize(2);
        assertThat(netty.get("runs")).extracting(run -> run.get("trial").asInt() + "@" + run.get("order").asInt())
                .containsExactly("1@1", "2@4");
        assertThat(netty.get("runs").get(1).get("summary").get("requests_ok").asLong()).isEqualTo(100);
        assertThat(netty.get("spreads").get("request_p99_ms").get("trials").asInt()).isEqualTo(2);
        assertThat(json.get("claims")).isNotEmpty().allSatisfy(claim -> {
            assertThat(claim.get("metric").asText()).isNotEmpty();
            assertThat(List.of(claim.get("better").asText(), claim.get("worse").asText()))
                    .containsExactlyInAnyOrder("netty", "virtual");
            assertThat(claim.get("ratio").asDouble()).isGreaterThanOrEqualTo(1);
            assertThat(claim.get("interval")).hasSize(2);
            assertThat(claim.get("significant").isBoolean()).isTrue();
            assertThat(claim.get("adjusted_p_value").asDouble()).isGreaterThanOrEqualTo(claim.get("p_value").asDouble());
            assertThat(claim.get("trials")).extracting(JsonNode::asInt).containsExactly(2, 2);
        });
        CompareResult written = ResultJson.mapper().readValue(dir.resolve("compare.json").toFile(), CompareResult.class);
        assertThat(written.trials()).extracting(ModelRun::label).containsExactly("netty", "virtual", "virtual", "netty");
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.subList(1, 5)).extracting(row -> row.substring(0, row.indexOf(',', row.indexOf(',') + 1)))
                .containsExactly("netty,1", "virtual,1", "virtual,2", "netty,2");
        assertThat(dir.resolve("virtual").resolve("trial-2").resolve("results.json")).isNotEmptyFile();
        assertThat(dir.resolve("report.html")).content().contains("Claims", "Machine noise", "<circle");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void aModelNamedTwiceRunsAsTwoLabelledGroups() {
        ComparePlan plan = CompareCommand.parsePlan(List.of("--models", "netty,virtual,netty", "--repeat", "3"));

        assertThat(plan.repeat()).isEqualTo(3);
        assertThat(plan.models()).extracting(ModelSetup::label).containsExactly("netty#1", "virtual", "netty#2");
        assertThat(plan.models()).extracting(ModelSetup::model)
                .containsExactly(LabModel.NETTY, LabModel.VIRTUAL, LabModel.NETTY);
        assertThat(CompareCommand.parsePlan(List.of("--models", "pool")).models()).extracting(ModelSetup::label)
                .containsExactly("pool");
    }

    @Test
    void modelOptionsReachOnlyTheModelThatTakesThem() {
        ComparePlan plan = CompareCommand.parsePlan(List.of("--models", "netty,virtual,threads", "--io-threads", "2",
                "--carriers", "3"));

        assertThat(plan.models()).extracting(ModelSetup::serverArgs).containsExactly(
                List.of("--io-threads", "2"), List.of("--carriers", "3"), List.of());
    }

    @Test
    void badUsageExitsTwoBeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        assertThat(compare("--models", "netty,nope")).isEqualTo(2);
        assertThat(compare("--pool-size", "0")).isEqualTo(2);
        assertThat(compare("--server-transport", "kqueue")).isEqualTo(2);
        assertThat(compare("--out", file.toString())).isEqualTo(2);
        assertThat(compare("--assert", "p99 fast")).isEqualTo(2);
        assertThat(compare("--repeat", "0")).isEqualTo(2);
        assertThat(compare("--carriers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'nope'", "--pool-size: 0 (expected: >= 1)",
                "--carriers: 0 (expected: >= 1)",
                "--repeat: 0 (expected: >= 1)",
                "--server-transport: 'kqueue'", "exists and is not a directory", "--assert 'p99 fast'");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void serverArgsReachOnlyTheirModelAndAreRecorded(@TempDir Path dir) throws Exception {
        // netty holds at most 5 of the 20 connections at once; virtual, without the option, holds them all.
        int exit = compare("--models", "netty,virtual", "--repeat", "1", "-c", "20", "-n", "1",
                "--command", "SLEEP 300", "--server-arg", "netty:--max-connections=5", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("netty:   --max-connections=5");
        CompareResult written = ResultJson.mapper().readValue(dir.resolve("compare.json").toFile(),
                CompareResult.class);
        ModelRun netty = written.trials().stream().filter(run -> run.model() == LabModel.NETTY).findFirst().orElseThrow();
        ModelRun virtual = written.trials().stream().filter(run -> run.model() == LabModel.VIRTUAL).findFirst()
                .orElseThrow();
        assertThat(netty.setup().serverArgs()).containsExactly("--max-connections=5");
        assertThat(virtual.setup().serverArgs()).isEmpty();
        assertThat(netty.summary().requestsOk()).isEqualTo(20);
        // netty's gate stops accepting at 5, but its accept loop takes a batch (up to 16) before the gate sees it,
        // so a burst can pass the limit by a few (a 6 was seen under load): the limit shows against virtual, unlimited.
        assertThat(virtual.summary().peakServerConnections()).isGreaterThan(5L);
        assertThat(netty.summary().peakServerConnections()).isBetween(1L, 5L + 16L)
                .isLessThan(virtual.summary().peakServerConnections());
        assertThat(dir.resolve("report.html")).content().contains("c10k server netty --max-connections=5");
    }

    @Test
    void exitsThreeWithOneLineWhenNoTrialHadARequestSucceed(@TempDir Path dir) {
        int exit = compare("--models", "netty", "--repeat", "1", "-c", "2", "-n", "1", "--command", "NOSUCH",
                "--out", dir.toString());

        assertThat(exit).as(out.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).containsOnlyOnce("c10k compare: every trial failed as a whole, e.g. netty: "
                + "no request succeeded: 2 of 2 requests error_reply ('ERR unknown command");
        assertThat(dir.resolve("compare.json")).isNotEmptyFile();
    }

    @Test
    void aBadServerArgIsBadUsage() {
        assertThat(compare("--server-arg", "netyy:--io-threads=2")).isEqualTo(2);
        assertThat(compare("--server-arg", "netty:--max-conections=5")).isEqualTo(2);
        assertThat(compare("--server-arg", "all:--io-threads=2")).as("only netty takes --io-threads").isEqualTo(2);
        assertThat(compare("--server-arg", "netty")).isEqualTo(2);
        assertThat(err.toString()).contains(
                "--server-arg netyy:--io-threads=2: unknown model 'netyy'",
                "--server-arg for netty: unknown option '--max-conections=5'; did you mean --max-connections?",
                "--server-arg for virtual: unknown option '--io-threads=2'",
                "--server-arg netty: expected MODEL:ARG");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void listsEachTrialsServerAndFloodForPrometheusWhileTheFloodRuns(@TempDir Path dir) throws Exception {
        Path targets = dir.resolve("targets.json");
        HttpClient http = HttpClient.newHttpClient();
        // 4 connections x 40 x SLEEP 50: two seconds of flood to find the endpoints in.
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> compare("--models", "netty",
                "--repeat", "1", "-c", "4", "-n", "40", "--command", "SLEEP 50", "--no-server-warmup",
                "--out", dir.resolve("out").toString(), "--prometheus-sd", targets.toString()));

        // The file is written empty at the start; until it lists the trial, read on.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
            JsonNode groups = ResultJson.mapper().readTree(targets.toFile());
            assertThat(groups).hasSize(2);
            Map<String, String> pageByJob = new HashMap<>();
            for (JsonNode group : groups) {
                assertThat(group.path("labels").path("model").asText()).isEqualTo("netty");
                assertThat(group.path("labels").path("trial").asText()).isEqualTo("1");
                HttpRequest scrape = HttpRequest.newBuilder(
                        URI.create("http://" + group.path("targets").get(0).asText() + "/metrics")).build();
                pageByJob.put(group.path("labels").path("job").asText(),
                        http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
            }
            assertThat(pageByJob.get("c10k-server")).contains("server_commands_seconds_bucket{command=\"SLEEP\"");
            assertThat(pageByJob.get("c10k-harness")).contains("harness_request_seconds_bucket");
        });
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(ResultJson.mapper().readTree(targets.toFile())).isEmpty();
    }

    private int compare(String... args) {
        return CliTestUtil.run(out, err, "compare", args);
    }
}
