package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.ExperimentTestUtil;
import org.c10klab.harness.experiment.SweepResult;
import org.c10klab.harness.report.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code c10k sweep} as a user runs it: one comparison per value, the matrix, the files. */
@Timeout(value = 150, unit = TimeUnit.SECONDS) // four server JVMs one after another: slow on a busy machine
class SweepCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void sweepsConnectionsOnOneModelIntoAMatrix(@TempDir Path dir) throws Exception {
        int exit = sweep("--vary", "connections=5,10", "--models", "netty", "--repeat", "2", "-n", "2",
                "--command", "SLEEP 20", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("sweep: connections = 5, 10, one comparison each:",
                        "./c10k compare --repeat 2 -n 2 --command 'SLEEP 20' --models netty --connections 5",
                        "requests ok / planned (or sent):", "request latency p99, ms:",
                        "peak OS threads of the server:", "trends:", "netty, from connections=5 to connections=10 "
                                + "(medians): requests ok 10/10 -> 20/20")
                .containsPattern("connections\\s+netty\\n\\s+5\\s+10/10\\n\\s+10\\s+20/20");
        assertThat(err.toString()).contains("== value 1/2:", "== value 2/2:");

        SweepResult written = ResultJson.mapper().readValue(dir.resolve("sweep.json").toFile(), SweepResult.class);
        assertThat(written.parameter()).isEqualTo("connections");
        assertThat(written.cells()).extracting(cell -> cell.value()).containsExactly("5", "10");
        assertThat(written.cells().get(1).result().repeat()).isEqualTo(2);
        assertThat(written.cells().get(1).result().models().getFirst().runs())
                .extracting(run -> run.summary().requestsOk()).containsExactly(20L, 20L);
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(1)).matches("connections,5,netty,1,1,[0-9.]*,netty,completed,.*");
        assertThat(csv.get(2)).matches("connections,5,netty,2,2,[0-9.]*,netty,completed,.*");
        assertThat(csv.get(4)).matches("connections,10,netty,2,2,[0-9.]*,netty,completed,.*");
        assertThat(dir.resolve("sweep.html")).content().contains("<svg", "Request p99 by connections");
        assertThat(dir.resolve("connections=10").resolve("compare.json")).isNotEmptyFile();
        assertThat(dir.resolve("connections=10").resolve("netty").resolve("trial-2").resolve("results.json"))
                .isNotEmptyFile();
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void sweepsTheStoreSizeAndShowsTheGetHitRatio(@TempDir Path dir) throws Exception {
        // 50 keys drawn uniformly, a quarter of the requests SETs: a store holding them all finds most GETs'
        // keys once the SETs have covered them; a store of 5 can hold a tenth of them at most.
        int exit = sweep("--vary", "store-max-entries=5,500", "--models", "netty", "--repeat", "1", "-c", "5",
                "-n", "100", "--command", "GET __key__:weight=3", "--command", "SET __key__ __value__",
                "--keyspace", "50", "--value-size", "16", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("GETs that found their key in the store's LRU, % of ok GETs:",
                "--store-max-entries 5");
        SweepResult written = ResultJson.mapper().readValue(dir.resolve("sweep.json").toFile(), SweepResult.class);
        List<Double> hitRatios = written.cells().stream()
                .map(cell -> cell.result().models().getFirst().runs().getFirst().summary().getHitRatio()).toList();
        assertThat(hitRatios.get(0)).isLessThan(0.15);
        assertThat(hitRatios.get(1)).isGreaterThan(hitRatios.get(0) + 0.3);
        assertThat(Files.readAllLines(dir.resolve("sweep.csv")).getFirst()).contains(",get_hit_ratio,");
        assertThat(dir.resolve("sweep.html")).content().contains("GET hit ratio by store-max-entries");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void badVariationsExitTwoBeforeStartingAnything() {
        assertThat(sweep()).as("no --vary").isEqualTo(2);
        assertThat(sweep("--vary", "colour=red,blue")).isEqualTo(2);
        assertThat(sweep("--vary", "connections")).isEqualTo(2);
        assertThat(sweep("--vary", "connections=5,10", "-c", "7")).isEqualTo(2);
        assertThat(sweep("--vary", "io-threads=1,2", "--models", "virtual,serial")).isEqualTo(2);
        assertThat(sweep("--vary", "carriers=1,2", "--models", "netty")).isEqualTo(2);
        assertThat(sweep("--vary", "connections=5,many")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown parameter 'colour'", "expected NAME=V1,V2,...",
                "do not give --connections as well", "changes nothing for [virtual, serial]",
                "changes nothing for [netty]", "'many'");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    private int sweep(String... args) {
        return CliTestUtil.run(out, err, "sweep", args);
    }
}
