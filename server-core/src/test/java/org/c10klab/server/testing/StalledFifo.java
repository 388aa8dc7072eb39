package org.c10klab.server.testing;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A named pipe whose reader is open but reads nothing until {@link #drain()}: a writer stalls as soon
 * as the pipe's buffer (64 KiB on Linux) is full, as it would on a hung disk or a stuck log shipper.
 */
public final class StalledFifo implements AutoCloseable {

    private final Path path;
    /** Completes when a writer has opened the pipe (opening either end waits for the other). */
    private final CompletableFuture<InputStream> reader = new CompletableFuture<>();

    private StalledFifo(Path path) {
        this.path = path;
        Thread.ofPlatform().daemon().name("fifo-opener").start(() -> {
            try {
                reader.complete(new FileInputStream(path.toFile()));
            } catch (IOException e) {
                reader.completeExceptionally(e);
            }
        });
    }

    /** Makes {@code dir/name} with mkfifo; skips the test when mkfifo is not there. */
    public static StalledFifo create(Path dir, String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Assumptions.abort("mkfifo is not available, so there is no stalled sink to test with: " + e.getMessage());
        }
        String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                () -> "mkfifo failed, so there is no stalled sink to test with: " + output);
        return new StalledFifo(path);
    }

    public Path path() {
        return path;
    }

    /** Starts reading; completes with every line once the writer closed the pipe. */
    public CompletableFuture<List<String>> drain() {
        return reader.thenApplyAsync(in -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return lines.lines().toList();
            } catch (IOException e) {
                throw new IllegalStateException("reading " + path + " failed", e);
            }
        }, task -> Thread.ofPlatform().daemon().name("fifo-drain").start(task));
    }

    @Override
    public void close() throws IOException {
        if (!reader.isDone()) {
            new FileOutputStream(path.toFile()).close(); // no writer came: meet the opener so it ends
        }
        reader.join().close();
        Files.deleteIfExists(path);
    }
}
