package org.c10klab.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.server.testing.RawRespClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each model as a real process: its /health and /metrics endpoints, and a graceful stop on SIGTERM. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessConformanceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void healthAndMetricsDescribeTheRunningModel(String model) throws Exception {
        try (ServerProcess server = ServerProcess.start(ConformanceTestUtil.serverArgs(model))) {
            assertThat(server.listening().model()).isEqualTo(model);
            try (RawRespClient client = new RawRespClient(server.address())) {
                assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
                assertThat(client.call("GET missing\r\n")).isEqualTo("$-1\r\n");
            }

            HttpResponse<String> health = get(server.metricsUrl().replace("/metrics", "/health"));
            assertThat(health.statusCode()).isEqualTo(200);

            String metrics = get(server.metricsUrl()).body();
            String tag = "model=\"" + model + "\"";
            assertThat(metrics)
                    .contains("server_connections_active{" + tag)
                    .contains("server_connections_accepted_total{" + tag)
                    .containsPattern("server_commands_seconds_count\\{command=\"PING\"," + tag + "\\} 1")
                    .contains("jvm_threads_live_threads{" + tag)
                    .doesNotContain("jvm_threads_states");
            if (model.equals("virtual")) {
                assertThat(metrics).contains("server_threads_virtual{" + tag);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.c10klab.harness.conformance.ConformanceTestUtil#models")
    void sigtermAnswersTheInFlightSleepThenExitsZero(String model) throws Exception {
        ServerProcess server = ServerProcess.start(ConformanceTestUtil.serverArgs(model));
        try (RawRespClient client = new RawRespClient(server.address())) {
            assertThat(client.call("PING\r\n")).isEqualTo("+PONG\r\n");
            client.send("SLEEP 1500\r\n");
            // The signal must find the SLEEP in progress, not still on its way in.
            ConformanceTestUtil.awaitRequestRead(client, server.address().getPort());
            CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(server::stop);
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            server.close();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
