package org.c10klab.harness.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.CompareProgress;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.TimelinePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The comparison engine against real child JVMs: a model that cannot start, Ctrl-C in the middle, and
 * serial's cap; none of them may leave a server process behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComparisonTest {

    @Test
    void aServerThatCannotStartIsRecordedTheNextModelStillRunsAndNoChildRemains() throws Exception {
        ComparePlan plan = ExperimentTestUtil.plan(ExperimentTestUtil.flood("-c", "5", "-n", "2"), Duration.ZERO,
                new ModelSetup(LabModel.NETTY, List.of("--no-such-option")),
                new ModelSetup(LabModel.VIRTUAL, List.of()));

        CompareResult result = new Comparison(plan, List.of(), CompareProgress.SILENT).run("./c10k compare (test)");

        ModelRun broken = result.models().get(0).runs().getFirst();
        assertThat(broken.status()).isEqualTo(RunStatus.SERVER_FAILED);
        assertThat(broken.detail()).contains("--no-such-option");
        assertThat(broken.summary()).isNull();
        ModelRun virtual = result.models().get(1).runs().getFirst();
        assertThat(virtual.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(virtual.summary().requestsOk()).isEqualTo(10);
        assertThat(virtual.serverExitCode()).isZero();
        assertThat(result.anyFailedToRun()).isTrue();
        assertThat(result.partial()).isFalse();
        assertThat(result.verdict()).anyMatch(line -> line.startsWith("netty could not be measured as asked"));
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void aServerThatEndedOnItsOwnIsDescribedByItsLastStderrLine() {
        ModelTrial.Outcome outOfHeap = new ModelTrial.Outcome(LabModel.NETTY, null, null, 3,
                "Terminating due to java.lang.OutOfMemoryError: Java heap space");

        assertThat(Comparison.detail(RunStatus.SERVER_FAILED, outOfHeap, null)).isEqualTo("the server exited with "
                + "code 3 instead of stopping gracefully; its last stderr line: Terminating due to "
                + "java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void stopEndsTheFloodInProgressSkipsTheRestAndLeavesNoChildBehind() throws Exception {
        ComparePlan plan = ExperimentTestUtil.plan(ExperimentTestUtil.flood("-c", "5", "-n", "1",
                        "--command", "SLEEP 3000", "--response-timeout", "30s"), Duration.ZERO,
                new ModelSetup(LabModel.SERIAL, List.of()), new ModelSetup(LabModel.NETTY, List.of()));
        AtomicBoolean flooding = new AtomicBoolean();
        Comparison comparison = new Comparison(plan, List.of(), new CompareListener() {
            @Override
            public void starting(ScheduledTrial trial, int repeat, int total) {
            }

            @Override
            public void sample(TimelinePoint point) {
                // All five connected, so each has its SLEEP in flight: the stop then cancels requests, not connects
                // (under two CPU hogs the first sample once came before the event loop had seen the handshakes).
                if (point.connectionsOpen() == 5) {
                    flooding.set(true);
                }
            }

            @Override
            public void finished(ModelRun run) {
            }
        });

        CompletableFuture<CompareResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return comparison.run("./c10k compare (test)");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilTrue(flooding);
        assertThat(ExperimentTestUtil.liveJavaChildren()).hasSize(1);
        comparison.stop();
        CompareResult result = running.get(30, TimeUnit.SECONDS);

        assertThat(result.partial()).isTrue();
        ModelRun serial = result.models().get(0).runs().getFirst();
        assertThat(serial.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(serial.artifacts().result().run().partial()).isTrue();
        assertThat(serial.summary().requestFailures()).containsKey(Outcome.CANCELLED.label());
        assertThat(result.models().get(1).runs().getFirst().status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(result.verdict()).contains("Stopped by Ctrl-C before netty had its turn.");
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }

    @Test
    void serialIsStoppedAtItsCapAndTheResultSaysSo() throws Exception {
        // Ten connections of 300 ms each need three seconds from serial; the cap stops it after two, which leaves
        // even a machine busy with other work time for a first answer.
        ComparePlan plan = ExperimentTestUtil.plan(ExperimentTestUtil.flood("-c", "10", "-n", "1",
                "--command", "SLEEP 300"), Duration.ofSeconds(2), new ModelSetup(LabModel.SERIAL, List.of()));

        CompareResult result = new Comparison(plan, List.of(), CompareProgress.SILENT).run("./c10k compare (test)");

        ModelRun serial = result.models().getFirst().runs().getFirst();
        assertThat(serial.status()).isEqualTo(RunStatus.CAPPED);
        FloodResult flood = serial.artifacts().result();
        FloodTestUtil.assertAccounting(flood);
        assertThat(flood.run().endReason()).isEqualTo("capped");
        assertThat(flood.notes().getFirst()).startsWith("capped: serial's flood was stopped after 2s");
        assertThat(flood.requests().count(Outcome.OK)).isBetween(1L, 9L);
        assertThat(flood.requests().count(Outcome.CANCELLED)).isPositive();
        assertThat(result.partial()).as("a cap is not Ctrl-C").isFalse();
        assertThat(result.anyFailedToRun()).isFalse();
        assertThat(result.verdict()).anyMatch(line -> line.startsWith("serial answered")
                && line.contains("its flood was stopped at its 2s cap"));
        assertThat(ExperimentTestUtil.liveJavaChildren()).isEmpty();
    }
}
