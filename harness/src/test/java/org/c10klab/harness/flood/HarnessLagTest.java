package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c10klab.harness.ScriptedServer;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.record.FloodRecorder;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.server.LoadTarget;
import org.c10klab.server.transport.TransportSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness's own lateness is its lag, not the target's latency: the test blocks the flood's only event
 * loop for {@value #STALL_MILLIS} ms, so the connect and request schedules fall behind, and the misses show
 * up as lag while the connects, none of them in flight during the stall, stay fast.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HarnessLagTest {

    private static final long STALL_MILLIS = 600;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void connectsABlockedLoopStartedLateAreHarnessLagNotConnectLatency() throws Exception {
        // 20 clients 10 ms apart: the first one's start blocks the loop before it connects, so clients 1..19,
        // due at 10..190 ms, all start after 600 ms, and no connect is in flight meanwhile.
        FloodRecorder recorder = floodStalledIn("clientStarted", "-c", "20", "-n", "1", "--connect-rate", "100");

        LatencySummary lag = whole(recorder.clientStartLag());
        LatencySummary connect = whole(recorder.connectLatency());
        assertThat(lag.count()).isEqualTo(20);
        assertThat(lag.maxMs()).as("client 1, due at 10 ms, began after the stall")
                .isGreaterThanOrEqualTo(STALL_MILLIS - 10);
        assertThat(lag.p50Ms()).as("all but the first began at least 410 ms late").isGreaterThanOrEqualTo(410);
        assertThat(connect.count()).isEqualTo(20);
        assertThat(connect.maxMs()).as("the stall is in no connect's time").isLessThan(lag.maxMs());
    }

    @Test
    void requestsABlockedLoopTookUpLateAreHarnessLag() throws Exception {
        // One connection, a request due every 10 ms for 300 ms: the first one's due time blocks the loop, so
        // requests 1..29 are taken up after 600 ms, 310 to 590 ms after they were due.
        FloodRecorder recorder = floodStalledIn("requestDue", "-c", "1", "-n", "30", "--rate", "100");

        LatencySummary lag = whole(recorder.requestDueLag());
        assertThat(lag.count()).isEqualTo(30);
        assertThat(lag.maxMs()).isGreaterThanOrEqualTo(STALL_MILLIS - 10);
        assertThat(lag.p50Ms()).isGreaterThanOrEqualTo(310);
        assertThat(whole(recorder.clientStartLag()).maxMs()).as("the client itself began on time")
                .isLessThan(STALL_MILLIS - 10);
    }

    /**
     * Floods a PONG server on one event loop, recorded by a {@link FloodRecorder}; the first call of
     * {@code stallIn}, a {@link FloodObserver} method, then sleeps on the loop: nothing else on it runs meanwhile.
     */
    private static FloodRecorder floodStalledIn(String stallIn, String... shape) throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.pong())) {
            List<String> args = new ArrayList<>(List.of("--target", server.target(), "--threads", "1"));
            args.addAll(List.of(shape));
            FloodConfig config = FloodCommand.parseConfig(args.toArray(String[]::new));
            FloodRecorder recorder = new FloodRecorder(new SimpleMeterRegistry(), config.workload().commands(),
                    config.connectTimeout(), config.responseTimeout(), FloodRecorder.DEFAULT_DISTRIBUTION_EXPIRY);
            AtomicBoolean stalled = new AtomicBoolean();
            FloodObserver stalling = (FloodObserver) Proxy.newProxyInstance(FloodObserver.class.getClassLoader(),
                    new Class<?>[] {FloodObserver.class}, (proxy, method, arguments) -> {
                        Object result = method.invoke(recorder, arguments);
                        if (method.getName().equals(stallIn) && stalled.compareAndSet(false, true)) {
                            Thread.sleep(STALL_MILLIS);
                        }
                        return result;
                    });
            try (FloodEngine engine = new FloodEngine(config, LoadTarget.resolve(config.target(), "--target",
                    "flood", false), TransportSelection.select(config.transport()).transport(), stalling)) {
                engine.start();
                assertThat(engine.awaitFinished(PATIENCE)).as("the flood finished").isTrue();
            }
            return recorder;
        }
    }

    private static LatencySummary whole(LatencyRecorder latency) {
        latency.flushInterval(null);
        return latency.summary();
    }
}
