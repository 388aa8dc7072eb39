package org.c10klab.harness.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.report.CompareProgress;
import org.c10klab.harness.stats.Claim;
import org.junit.jupiter.api.Test;

/**
 * A comparison's repeated trials with a stand-in for the server JVMs: the interleaved order, the labels of a
 * model named twice, and the verdict's claims on synthetic trials whose truth is known.
 */
class RepeatedComparisonTest {

    private static final ModelSetup NETTY = new ModelSetup(LabModel.NETTY, List.of());
    private static final ModelSetup POOL = new ModelSetup(LabModel.POOL, List.of());
    private static final ModelSetup VIRTUAL = new ModelSetup(LabModel.VIRTUAL, List.of());

    @Test
    void roundsRunEveryModelOnceAndEachRoundStartsOneModelLater() throws Exception {
        List<String> ran = new ArrayList<>();
        Comparison comparison = new Comparison(plan(4, NETTY, POOL, VIRTUAL), CompareProgress.SILENT, trial -> {
            ran.add(trial.setup().label() + " " + trial.trial() + " @" + trial.order());
            return run(trial, 100, 1000);
        });

        CompareResult result = comparison.run("./c10k compare (test)");

        assertThat(ran).containsExactly(
                "netty 1 @1", "pool 1 @2", "virtual 1 @3",
                "pool 2 @4", "virtual 2 @5", "netty 2 @6",
                "virtual 3 @7", "netty 3 @8", "pool 3 @9",
                "netty 4 @10", "pool 4 @11", "virtual 4 @12");
        assertThat(result.repeat()).isEqualTo(4);
        assertThat(result.models()).extracting(ModelResult::label).containsExactly("netty", "pool", "virtual");
        assertThat(result.models().get(1).runs()).extracting(ModelRun::trial).containsExactly(1, 2, 3, 4);
        assertThat(result.models().get(1).runs()).extracting(ModelRun::order).containsExactly(2, 4, 9, 11);
        assertThat(result.trials()).extracting(ModelRun::order).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(ScheduledTrial.interleave(List.of(NETTY, POOL), 1)).extracting(trial -> trial.setup().label())
                .as("one trial each keeps the order given").containsExactly("netty", "pool");
    }

    @Test
    void aModelNamedTwiceIsNumberedAndOneNamedOnceKeepsItsName() {
        assertThat(ModelSetup.labels(List.of(LabModel.NETTY, LabModel.NETTY)))
                .containsExactly("netty#1", "netty#2");
        assertThat(ModelSetup.labels(List.of(LabModel.POOL, LabModel.NETTY, LabModel.VIRTUAL, LabModel.NETTY)))
                .containsExactly("pool", "netty#1", "virtual", "netty#2");
    }

    @Test
    void aClearlyLowerP99IsStatedAsSignificantWithItsRatioAndInterval() throws Exception {
        // netty's p99 about 140 ms, pool's about 1.1 s, each with trial-to-trial noise; every other figure alike.
        Map<String, double[]> p99 = Map.of("netty", new double[] {130, 142, 150, 138, 146},
                "pool", new double[] {1050, 1164, 1230, 1100, 1190});

        CompareResult result = new Comparison(plan(5, NETTY, POOL), CompareProgress.SILENT,
                trial -> run(trial, p99.get(trial.setup().label())[trial.trial() - 1], noise(trial)))
                .run("./c10k compare (test)");

        Claim latency = result.claims().stream().filter(claim -> claim.metric().equals("request_p99_ms"))
                .findFirst().orElseThrow();
        assertThat(latency.significant()).isTrue();
        assertThat(latency.better()).isEqualTo("netty");
        assertThat(latency.worse()).isEqualTo("pool");
        assertThat(result.verdict()).anySatisfy(line -> assertThat(line)
                .matches("netty's request p99 is lower than pool's: pool's is 8\\.\\dx \\[\\d\\.\\d\\d-\\d+\\.\\d+\\] "
                        + "at 5 trials each\\."));
        assertThat(result.verdict()).as("figures that did not differ are not claimed")
                .contains("No clear difference between netty and pool at 5 trials each in request p50, req/s, "
                        + "connect p99, server CPU seconds and peak RSS.")
                .noneMatch(line -> line.contains("netty's req/s") || line.contains("netty's request p50"));
        assertThat(result.verdict()).anySatisfy(line -> assertThat(line).startsWith("On this machine, for this flood, "
                + "netty answered everything with a request p99 lower, beyond the noise, than every other model"));
        assertThat(result.noise().aaPairs()).isEmpty();
    }

    @Test
    void anAaPairWithTheSameNoisyFiguresGetsNoClearDifferenceAndItsSpreadIsReported() throws Exception {
        ModelSetup first = new ModelSetup("netty#1", LabModel.NETTY, List.of());
        ModelSetup second = new ModelSetup("netty#2", LabModel.NETTY, List.of());

        CompareResult result = new Comparison(plan(5, first, second), CompareProgress.SILENT,
                trial -> run(trial, 140 * noise(trial), noise(trial))).run("./c10k compare (test)");

        assertThat(result.claims()).hasSize(TrialMetric.judged().size()).noneMatch(Claim::significant);
        assertThat(result.verdict()).contains("No clear difference between netty#1 and netty#2 at 5 trials each in "
                + "request p50, request p99, req/s, connect p99, server CPU seconds and peak RSS.")
                .noneMatch(line -> line.startsWith("On this machine"));
        MachineNoise.AaPair pair = result.noise().aaPairs().getFirst();
        assertThat(pair.first()).isEqualTo("netty#1");
        assertThat(pair.second()).isEqualTo("netty#2");
        assertThat(pair.significant()).isEmpty();
        assertThat(pair.medianRatios()).containsKey("request_p99_ms")
                .allSatisfy((metric, ratio) -> assertThat(ratio).isBetween(1.0, 1.5));
    }

    @Test
    void aModelThatFailedItsWorkIsToldByItsFailuresNotRankedAndAlikePairsShareOneSentence() throws Exception {
        ModelSetup serial = new ModelSetup(LabModel.SERIAL, List.of());

        CompareResult result = new Comparison(plan(5, NETTY, VIRTUAL, POOL, serial), CompareProgress.SILENT, trial ->
                trial.setup() == serial ? failed(trial) : run(trial, (trial.setup() == POOL ? 1100 : 140)
                        * noise(trial), noise(trial))).run("./c10k compare (test)");

        assertThat(result.claims()).isNotEmpty()
                .noneMatch(claim -> claim.better().equals("serial") || claim.worse().equals("serial"));
        assertThat(result.verdict()).contains("netty, virtual and pool answered all 2000 requests from all 200 "
                        + "connections in every trial.",
                "No clear difference between netty and virtual at 5 trials each in request p50, request p99, req/s, "
                        + "connect p99, server CPU seconds and peak RSS.",
                "No clear difference between netty and pool, or virtual and pool, at 5 trials each in request p50, "
                        + "req/s, connect p99, server CPU seconds and peak RSS.")
                .anyMatch(line -> line.startsWith("serial answered 28 of 2000 planned requests (172 cancelled) in "
                        + "its median trial of 5"))
                .anyMatch(line -> line.startsWith("netty's request p99 is lower than pool's"))
                .anyMatch(line -> line.startsWith("virtual's request p99 is lower than pool's"));
    }

    @Test
    void oneTrialEachClaimsNothingAndSaysWhy() throws Exception {
        CompareResult result = new Comparison(plan(1, NETTY, POOL), CompareProgress.SILENT,
                trial -> run(trial, trial.setup() == NETTY ? 140 : 1100, 1)).run("./c10k compare (test)");

        assertThat(result.claims()).isEmpty();
        assertThat(result.verdict()).anyMatch(line -> line.startsWith("No difference in latency, throughput, CPU or "
                + "memory is claimed: telling one from the machine's noise takes at least two trials"));
    }

    private static ComparePlan plan(int repeat, ModelSetup... models) {
        return new ComparePlan(List.of(models), repeat, ExperimentTestUtil.flood("-c", "200", "-n", "10"), null,
                ExperimentTestUtil.SAMPLE_INTERVAL, Duration.ZERO);
    }

    /**
     * A trial-to-trial factor between 0.86 and 1.13, as a busy machine gives: every model gets the same five
     * factors over its five trials, each model in another order, so no model is truly better.
     */
    private static double noise(ScheduledTrial trial) {
        double[] factors = {0.92, 1.08, 0.97, 1.13, 0.86};
        return factors[Math.floorMod(trial.trial() + trial.setup().label().hashCode(), factors.length)];
    }

    /** A trial of a server that got through 28 of 2 000 requests before its cap. */
    private static ModelRun failed(ScheduledTrial trial) {
        ModelSummary summary = new ModelSummary(200, 200, Map.of(), 2000L, 200, 28, Map.of("cancelled", 172L), 172,
                14, 15, 101, 1900, 1950, 1990, 20L, 23L, null, 120_000_000L, 0.5, 1L, 2.0, null);
        return new ModelRun(trial.setup(), trial.trial(), trial.order(), 1.5, RunStatus.CAPPED, "stopped at its 2s cap",
                null, 0, summary, null);
    }

    /** A completed trial that answered all 2 000 requests, with {@code p99Ms} and every other figure times {@code scale}. */
    private static ModelRun run(ScheduledTrial trial, double p99Ms, double scale) {
        ModelSummary summary = new ModelSummary(200, 200, Map.of(), 2000L, 2000, 2000, Map.of(), 0, 800 * scale,
                20 * scale, 105 * scale, p99Ms, p99Ms * 1.1, p99Ms * 1.2, 20L, 25L, null,
                Math.round(140e6 * scale), 0.8 * scale, 200L, 2.5, null);
        return new ModelRun(trial.setup(), trial.trial(), trial.order(), 1.5, RunStatus.COMPLETED, null, null, 0,
                summary, null);
    }
}
