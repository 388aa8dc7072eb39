package org.c10klab.harness.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a child process wrote to stderr, read on a thread of their own, to explain why it failed. */
final class StderrTail {

    private final Deque<String> lines = new ArrayDeque<>();
    private final int linesKept;
    private final Thread reader;

    private StderrTail(Process process, int linesKept, String role) {
        this.linesKept = linesKept;
        // Reading all of it also keeps the child from blocking on a full stderr pipe.
        this.reader = Thread.ofPlatform().daemon().name(role + "-stderr-" + process.pid())
                .start(() -> read(process));
    }

    /**
     * Starts reading {@code process}'s stderr.
     *
     * @param linesKept how many of the last lines to keep
     * @param role      names the reading thread, e.g. {@code server}
     */
    static StderrTail follow(Process process, int linesKept, String role) {
        return new StderrTail(process, linesKept, role);
    }

    /** Waits at most {@code timeout} for the child's stderr to end, so the tail holds its last words. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout);
    }

    /** The last line the child wrote, or {@code (no stderr)}. */
    String lastLine() {
        synchronized (lines) {
            return lines.isEmpty() ? "(no stderr)" : lines.getLast();
        }
    }

    /** The lines kept, one per line, or {@code (no stderr)}. */
    String text() {
        synchronized (lines) {
            return lines.isEmpty() ? "(no stderr)" : String.join(System.lineSeparator(), lines);
        }
    }

    private void read(Process process) {
        try (BufferedReader stderr = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                synchronized (lines) {
                    if (lines.size() == linesKept) {
                        lines.removeFirst();
                    }
                    lines.addLast(line);
                }
            }
        } catch (IOException e) {
            // the child is gone; what was kept is all there is
        }
    }
}
