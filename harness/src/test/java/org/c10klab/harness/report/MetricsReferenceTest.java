package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/metrics.md is what the code exports: generated again from real registries, it must be the same. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "metrics.md");

    @Test
    void docsMetricsMdListsExactlyWhatTheRegistriesExport() throws Exception {
        String generated = MetricsReference.generate();

        assertThat(generated).contains("`server_commands_seconds` | histogram | `command`, `model` | all |",
                "`balancer_backend_connect_seconds` | histogram | `backend` |",
                "`harness_outcomes_total` | counter | `outcome`, `phase` |",
                "`server_threads_virtual` | gauge | `model` | virtual |");
        assertThat(Files.readString(REFERENCE))
                .as("docs/metrics.md differs from the code; regenerate it with: " + MetricsReference.REGENERATE)
                .isEqualTo(generated);
    }
}
