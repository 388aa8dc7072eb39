package org.c10klab.harness.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a command writes: {@code --out}, checked before it runs, or without it a timestamped folder under
 * results/, which git ignores.
 */
public final class OutputFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutputFolder() {
    }

    /** E.g. {@code results/backlog-20250101-120000}, relative to the working directory. */
    public static Path timestamped(String experiment) {
        return Path.of("results", experiment + "-" + LocalDateTime.now().format(STAMP));
    }

    /**
     * Checks {@code --out} before anything runs, so a file in its way is bad usage rather than a failure after
     * the measuring.
     *
     * @param out {@code --out}, or null when it was not given
     * @throws IllegalArgumentException when {@code out} exists and is not a directory
     */
    public static void requireUsable(Path out) {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
    }
}
