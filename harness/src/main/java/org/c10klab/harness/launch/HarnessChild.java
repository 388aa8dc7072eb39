package org.c10klab.harness.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code c10k} subcommand to completion in a child JVM, optionally wrapped (e.g. by
 * {@link NetworkNamespace#wrap}), and hands back what it printed on stdout; its last stderr lines
 * explain a failure. The child gets SIGTERM,
 * so its own children are stopped too, if this JVM exits first.
 */
public final class HarnessChild {

    private static final int STDERR_LINES_KEPT = 20;
    /** How long a child gets to stop its own children after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(HarnessChild::stop), "stop-harness-children"));
    }

    private HarnessChild() {
    }

    /**
     * @param wrapper    what runs the JVM, e.g. {@code ip netns exec NAME}; empty for nothing
     * @param jvmOptions options for the child JVM
     * @param c10kArgs   the subcommand and its options
     * @param timeout    how long the child may run before it is stopped and this fails
     * @return everything the child wrote on stdout
     * @throws IOException when the child cannot start, times out or exits non-zero (with its last stderr lines)
     */
    public static String run(List<String> wrapper, List<String> jvmOptions, List<String> c10kArgs, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(ChildJvm.command(jvmOptions, c10kArgs));
        Process process = new ProcessBuilder(command).start();
        LIVE.add(process);
        try {
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process));
            StderrTail stderr = StderrTail.follow(process, STDERR_LINES_KEPT, "child");
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new IOException("'c10k " + String.join(" ", c10kArgs) + "' did not finish within "
                        + timeout.toSeconds() + " s");
            }
            stderr.awaitEnd(STOP_GRACE);
            String output = stdout.get();
            if (process.exitValue() != 0) {
                throw new IOException("'c10k " + String.join(" ", c10kArgs) + "' exited with "
                        + process.exitValue() + ": " + stderr.text());
            }
            return output;
        } catch (ExecutionException e) {
            throw new IOException("could not read the output of 'c10k " + String.join(" ", c10kArgs) + "'",
                    e.getCause());
        } finally {
            if (process.isAlive()) {
                stop(process);
            }
            LIVE.remove(process);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // SIGTERM first: the child's shutdown hooks stop the servers it started.
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
