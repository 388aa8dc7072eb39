package org.c10klab.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.ListeningLine;
import org.c10klab.server.OutOfMemoryExit;

/**
 * A server started in a child JVM from the test's own classpath, optionally under a lower open-file
 * limit or with JVM options such as a small heap, and ready once it printed its LISTENING line; its
 * stderr goes to a file for failure messages. Like every lab JVM it exits when out of heap.
 */
public class ChildServerProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final ListeningLine listening;

    /**
     * @param mainClass     the server command's class, run through its {@code main}
     * @param openFileLimit the child's {@code ulimit -n}, or 0 to inherit this JVM's
     * @param args          the server's options
     */
    public ChildServerProcess(Class<?> mainClass, int openFileLimit, List<String> args) throws IOException {
        this(mainClass, openFileLimit, List.of(), args);
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx64m}, after the lab's own {@link OutOfMemoryExit#JVM_OPTIONS}
     */
    public ChildServerProcess(Class<?> mainClass, int openFileLimit, List<String> jvmOptions, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (openFileLimit > 0) {
            // exec keeps the JVM as the process we signal, with the lowered limit.
            command.addAll(List.of("bash", "-c", "ulimit -n " + openFileLimit + " && exec \"$@\"", "bash"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(OutOfMemoryExit.JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        stderr = Files.createTempFile("child-server", ".stderr");
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        listening = awaitListening();
    }

    public ListeningLine listening() {
        return listening;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listening.port());
    }

    public RawRespClient connect() throws IOException {
        return new RawRespClient(address());
    }

    public Process process() {
        return process;
    }

    /** What the child wrote to stderr so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGTERM and waits for the exit code; kills the child and fails if it outlives {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child server did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** Blocks until the child exits; its exit code, or -1 when interrupted. */
    public int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        waitForExit();
        Files.deleteIfExists(stderr);
    }

    private ListeningLine awaitListening() throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
            if (ListeningLine.matches(line)) {
                // Keep reading so the child never blocks on a full stdout pipe.
                Thread.ofPlatform().daemon().name("child-stdout-" + process.pid())
                        .start(() -> stdout.lines().forEach(ignored -> { }));
                return ListeningLine.parse(line);
            }
        }
        process.destroyForcibly();
        throw new IOException("the child server exited with " + waitForExit() + " before it printed a LISTENING line: "
                + stderr());
    }
}
