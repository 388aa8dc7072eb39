package org.c10klab.harness.deploy;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package) for one test: the shipped configuration and rules
 * copied into a folder of its own, with its TSDB there too, listening on a free loopback port.
 */
final class RealPrometheus implements AutoCloseable {

    /** Where the shipped Prometheus files are, seen from the harness module (the tests' working directory). */
    static final Path SHIPPED = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String base;
    private final Path folder;

    private RealPrometheus(Process process, String base, Path folder) {
        this.process = process;
        this.base = base;
        this.folder = folder;
    }

    /** The {@code NAME} binary on the PATH or in /usr/bin, if installed. */
    static Optional<Path> binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin";
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Copies the shipped configuration into {@code folder} and starts Prometheus on it; ready when this returns.
     * The file-based service discovery reads {@link #targetsFile()}.
     */
    static RealPrometheus start(Path binary, Path folder) throws IOException {
        // The configuration and its rules, not targets a run of the developer's may have left in the tree.
        Files.createDirectories(folder);
        Files.copy(SHIPPED.resolve("prometheus.yml"), folder.resolve("prometheus.yml"));
        copyTree(SHIPPED.resolve("rules"), folder.resolve("rules"));
        Files.createDirectories(folder.resolve("targets"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + folder.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=" + address,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("prometheus.log").toFile())
                .start();
        RealPrometheus prometheus = new RealPrometheus(process, "http://" + address, folder);
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> prometheus.status("/-/ready") == 200 || !process.isAlive());
            if (!process.isAlive()) {
                throw new IOException("prometheus exited: " + Files.readString(folder.resolve("prometheus.log")));
            }
            return prometheus;
        } catch (IOException | RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    /** The file the shipped configuration's {@code file_sd_configs} reads, as {@code --prometheus-sd} writes it. */
    Path targetsFile() {
        return folder.resolve("targets").resolve("c10k.json");
    }

    /** The series of an instant query now: each result's {@code metric} and {@code value}. */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!answer.path("status").asText().equals("success")) {
            throw new IOException("query failed: " + promql + ": " + answer);
        }
        return List.copyOf(answer.path("data").path("result").valueStream().toList());
    }

    /** The value of a query that yields one series. */
    double single(String promql) throws IOException, InterruptedException {
        List<JsonNode> series = query(promql);
        if (series.size() != 1) {
            throw new IOException(promql + ": " + series.size() + " series, expected 1: " + series);
        }
        return Double.parseDouble(series.getFirst().path("value").get(1).asText());
    }

    /** Every rule Prometheus loaded, each with its {@code name}, {@code query}, {@code type} and {@code health}. */
    List<JsonNode> rules() throws IOException, InterruptedException {
        return get("/api/v1/rules").path("data").path("groups").valueStream()
                .flatMap(group -> group.path("rules").valueStream()).toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
