package org.c10klab.harness.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.c10klab.server.ListeningLine;

/**
 * A server model running in its own child JVM, so its threads, memory and GC are its own when the
 * harness measures it. Started on ephemeral ports; ready once it printed its LISTENING line and
 * {@code /health} answers 200. Every child is killed when this JVM exits, also on Ctrl-C.
 */
public final class ServerProcess implements AutoCloseable {

    /** How long a child may take to print its LISTENING line and become healthy. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a child may drain after SIGTERM before it is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final int STDERR_LINES_KEPT = 40;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(Process::destroyForcibly), "kill-server-children"));
    }

    private final Process process;
    private final ListeningLine listening;
    private final StderrTail stderrTail;

    private ServerProcess(Process process, ListeningLine listening, StderrTail stderrTail) {
        this.process = process;
        this.listening = listening;
        this.stderrTail = stderrTail;
    }

    /**
     * Starts {@code c10k server <serverArgs> --port 0 --metrics-port 0} in a child JVM and waits until it serves.
     *
     * @param serverArgs e.g. {@code List.of("netty")} or {@code List.of("blocking", "--model", "threads")}
     * @throws IOException when the child cannot start, exits, or is not ready within {@link #STARTUP_TIMEOUT}
     */
    public static ServerProcess start(List<String> serverArgs) throws IOException {
        return start(serverArgs, List.of());
    }

    /**
     * As {@link #start(List)}, with extra JVM options for the child (e.g. {@code -Xmx256m}).
     */
    public static ServerProcess start(List<String> serverArgs, List<String> jvmOptions) throws IOException {
        List<String> c10kArgs = new ArrayList<>();
        c10kArgs.add("server");
        c10kArgs.addAll(serverArgs);
        if (!serverArgs.contains("--port")) {
            c10kArgs.addAll(List.of("--port", "0"));
        }
        if (!serverArgs.contains("--metrics-port")) {
            c10kArgs.addAll(List.of("--metrics-port", "0"));
        }
        Process process = new ProcessBuilder(ChildJvm.command(jvmOptions, c10kArgs)).start();
        LIVE.add(process);
        StderrTail stderrTail = StderrTail.follow(process, STDERR_LINES_KEPT, "server");
        try {
            ListeningLine listening = awaitListening(process, String.join(" ", serverArgs), stderrTail);
            ServerProcess server = new ServerProcess(process, listening, stderrTail);
            server.awaitHealthy();
            return server;
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            LIVE.remove(process);
            throw e;
        }
    }

    /** What the server printed when it started. */
    public ListeningLine listening() {
        return listening;
    }

    /** Where clients connect. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listening.port());
    }

    /** The child's process id, for /proc sampling. */
    public long pid() {
        return process.pid();
    }

    /** The child's Prometheus endpoint, e.g. {@code http://127.0.0.1:40123/metrics}. */
    public String metricsUrl() {
        return "http://" + listening.metrics() + "/metrics";
    }

    /** True while the child runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM and waits for the graceful stop; kills the child if it has not exited within
     * {@link #STOP_TIMEOUT}.
     *
     * @return the child's exit code (0 after a graceful stop)
     */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            LIVE.remove(process);
        }
    }

    /**
     * The last line the child wrote on stderr, once it has exited, e.g. {@code Terminating due to
     * java.lang.OutOfMemoryError: Java heap space}: why a server that did not stop gracefully ended.
     */
    public String lastStderrLine() throws InterruptedException {
        stderrTail.awaitEnd(STOP_TIMEOUT);
        return stderrTail.lastLine();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        LIVE.remove(process);
    }

    private static ListeningLine awaitListening(Process process, String what, StderrTail stderrTail)
            throws IOException {
        CompletableFuture<ListeningLine> listening = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader stdout = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                    if (ListeningLine.matches(line)) {
                        ListeningLine parsed = ListeningLine.parse(line);
                        // Keep reading so the child never blocks on a full stdout pipe.
                        Thread.ofPlatform().daemon().name("server-stdout-" + process.pid())
                                .start(() -> stdout.lines().forEach(ignored -> { }));
                        return parsed;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            ListeningLine line = listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IOException("server '" + what + "' exited before it listened: " + stderrTail.text());
            }
            return line;
        } catch (TimeoutException e) {
            throw new IOException("server '" + what + "' printed no LISTENING line within "
                    + STARTUP_TIMEOUT.toSeconds() + " s: " + stderrTail.text(), e);
        } catch (ExecutionException e) {
            throw new IOException("could not read the output of server '" + what + "'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while server '" + what + "' started", e);
        }
    }

    private void awaitHealthy() throws IOException {
        if (listening.metrics().equals("off")) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + listening.metrics() + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + health.uri(), e);
            }
            sleepBriefly();
        }
        throw new IOException(health.uri() + " never answered 200: " + stderrTail.text());
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a server started", e);
        }
    }
}
