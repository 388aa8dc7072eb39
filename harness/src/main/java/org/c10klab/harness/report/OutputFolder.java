package org.c10klab.harness.report;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where an experiment writes without {@code --out}: a timestamped folder under results/, which git ignores. */
public final class OutputFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutputFolder() {
    }

    /** E.g. {@code results/backlog-20250101-120000}, relative to the working directory. */
    public static Path timestamped(String experiment) {
        return Path.of("results", experiment + "-" + LocalDateTime.now().format(STAMP));
    }
}
