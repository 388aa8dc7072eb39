package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.c10klab.harness.FloodTestUtil.floodArtifacts;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.SamplingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --stage}: the shape's arithmetic, and real floods that follow it and record it in their timeline. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StagesTest {

    private static final SamplingOptions EVERY_50_MS = new SamplingOptions(null, null, Duration.ofMillis(50));

    @Test
    void connectionsOpenAlongARampAndAComebackIsNewConnections() {
        LoadStages ramp = stages("1s:connections=4");
        assertThat(ramp.connectionWindows()).extracting(LoadStages.Window::openNanos)
                .containsExactly(250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L);

        LoadStages comeback = stages("0s:connections=3", "1s:connections=3", "0s:connections=0", "500ms:connections=0",
                "0s:connections=3", "1s:connections=3");
        List<LoadStages.Window> windows = comeback.connectionWindows();
        assertThat(windows).hasSize(6);
        assertThat(windows.subList(0, 3)).allMatch(w -> w.openNanos() == 0 && w.closeNanos() == 1_000_000_000L);
        assertThat(windows.subList(3, 6)).allMatch(w -> w.openNanos() == 1_500_000_000L
                && w.closeNanos() == 2_500_000_000L);
        assertThat(comeback.stageAt(1.2)).isEqualTo(4);
        assertThat(comeback.plannedAt(0.5)).isEqualTo(3);
    }

    @Test
    void requestsFallDueWhereTheRatesIntegralReachesThem() {
        // 0 to 400/s over 1 s (200 requests: 200 t^2 of them by t), then 400/s for 1 s (400 more).
        LoadStages shape = stages("1s:rate=400", "1s:rate=400");

        assertThat(shape.requestDueNanos(0)).isZero();
        assertThat(shape.requestDueNanos(50)).isCloseTo(500_000_000L, within(1_000L));
        assertThat(shape.requestDueNanos(200)).isCloseTo(1_000_000_000L, within(1_000L));
        assertThat(shape.requestDueNanos(400)).isCloseTo(1_500_000_000L, within(1_000L));
        assertThat(shape.requestDueNanos(599)).isLessThan(2_000_000_000L);
        assertThat(shape.requestDueNanos(600)).isEqualTo(LoadStages.NEVER);
        assertThat(shape.plannedAt(0.25)).isEqualTo(100);
    }

    @Test
    void stagesThatContradictOtherOptionsAreRefused() {
        assertThatThrownBy(() -> FloodCommand.parseConfig("--target", "127.0.0.1:7379", "--stage", "1s:rate=5",
                "--stage", "1s:connections=5")).hasMessageContaining("connections or rate, not both");
        assertThatThrownBy(() -> FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "5", "--stage",
                "1s:connections=10")).hasMessageContaining("do not give --connections as well");
        assertThatThrownBy(() -> FloodCommand.parseConfig("--target", "127.0.0.1:7379", "--stage", "1s:rate=5",
                "-d", "5s")).hasMessageContaining("do not give --duration as well");
        assertThatThrownBy(() -> Stage.parse("10s:conections=5")).hasMessageContaining("unknown 'conections'");
        assertThatThrownBy(() -> Stage.parse("10:connections=5")).hasMessageContaining("needs a unit");
    }

    @Test
    void connectionStagesOpenCloseAndReopenConnections() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            FloodResult result = floodArtifacts(EVERY_50_MS, "--target", server.target(), "--command", "PING",
                    "--stage", "0s:connections=3", "--stage", "1s:connections=3", "--stage", "0s:connections=0",
                    "--stage", "500ms:connections=0", "--stage", "0s:connections=3", "--stage", "1s:connections=3")
                    .result();

            assertThat(result.connections().count(Outcome.OK)).as("three, then three new ones").isEqualTo(6);
            assertThat(result.accounting().peakOpenConnections()).isEqualTo(3);
            assertThat(result.requests().failures()).isZero();
            assertThat(result.config().duration()).isEqualTo(Duration.ofMillis(2500));
            List<TimelinePoint> timeline = result.timeline();
            assertThat(timeline).extracting(TimelinePoint::stage).contains(2, 4, 6);
            assertThat(timeline).filteredOn(point -> point.stage() == 4)
                    .allMatch(point -> point.plannedConnections() == 0 && point.plannedRate() == null);
        }
    }

    @Test
    void rateStagesSendWhatTheShapeHolds() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            // 0 to 400/s over 500 ms, then 400/s for 500 ms: 100 + 200 requests, from the run's start.
            FloodResult result = floodArtifacts(EVERY_50_MS, "--target", server.target(), "-c", "4",
                    "--stage", "500ms:rate=400", "--stage", "500ms:rate=400").result();

            assertThat(result.requests().total()).isBetween(299L, 301L);
            assertThat(result.requests().failures()).isZero();
            assertThat(result.timeline()).filteredOn(point -> point.stage() == 2)
                    .isNotEmpty().allMatch(point -> point.plannedRate() == 400 && point.plannedConnections() == null);
        }
    }

    private static LoadStages stages(String... stages) {
        return new LoadStages(Arrays.stream(stages).map(Stage::parse).toList());
    }
}
