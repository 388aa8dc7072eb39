package org.c10klab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.launch.NetworkNamespace;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.server.KernelSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c10k backlog --netns}: tcp_abort_on_overflow=1 and a small somaxconn inside a private
 * namespace, and the host's own settings untouched. Runs only as root where {@code ip netns} works.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BacklogNetnsTest {

    @BeforeAll
    static void namespacesWork() {
        assumeTrue(NetworkNamespace.runningAsRoot(), "--netns needs root");
        try (NetworkNamespace ignored = NetworkNamespace.create()) {
            // created, and deleted on close: namespaces work here
        } catch (IOException e) {
            assumeTrue(false, "ip netns does not work here: " + e.getMessage());
        }
    }

    @Test
    void abortOnOverflowResetsInsideTheNamespaceAndTheHostKeepsItsSettings(@TempDir Path dir) throws Exception {
        long hostAbort = KernelSettings.sysctl("net.ipv4.tcp_abort_on_overflow").orElseThrow();
        long hostSomaxconn = KernelSettings.sysctl("net.core.somaxconn").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // Backlog 8 clamped to 4 by the namespace's somaxconn; the server frees a place at 1.5 s, the
        // waiting clients' SYNs get in at the 2 s retransmit, and the final ACKs that meet the full queue
        // again are answered with RST.
        int exit = CliTestUtil.run(out, err, "backlog", "--netns", "--tcp-abort-on-overflow", "1",
                "--somaxconn", "4", "--backlog", "8", "--connections", "30", "--sleep", "1500ms",
                "--connect-timeout", "3s", "--response-timeout", "2s", "--repeat", "1", "--quiet", "--out",
                dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        BacklogResult result = ResultJson.mapper().readValue(dir.resolve("backlog.json").toFile(), BacklogResult.class);
        BacklogRun trial = result.cells().getFirst().runs().getFirst();
        assertThat(trial.namespace()).startsWith(NetworkNamespace.NAME_PREFIX);
        assertThat(trial.flood().environment().tcpAbortOnOverflow()).isEqualTo(1);
        assertThat(trial.flood().environment().somaxconn()).isEqualTo(4);
        assertThat(trial.effectiveBacklog()).as("clamped to the namespace's somaxconn").isEqualTo(4);
        assertThat(trial.clients().reset()).as("connections reset at the full queue").isPositive();
        assertThat(trial.listenQueue().listenOverflows()).isPositive();
        assertThat(out.toString()).contains("Host unchanged", "Clamped: backlog 8 became 4");

        assertThat(result.hostUnchanged()).isTrue();
        assertThat(KernelSettings.sysctl("net.ipv4.tcp_abort_on_overflow").orElseThrow()).isEqualTo(hostAbort);
        assertThat(KernelSettings.sysctl("net.core.somaxconn").orElseThrow()).isEqualTo(hostSomaxconn);
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String namespaces = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(namespaces).as("the trial's namespace is deleted").doesNotContain(trial.namespace());
    }
}
