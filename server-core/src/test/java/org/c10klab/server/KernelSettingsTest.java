package org.c10klab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Kernel settings are read whole, as the shell sees them. */
class KernelSettingsTest {

    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    @Test
    void somaxconnMatchesWhatTheShellReads() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(SOMAXCONN), "no /proc/sys here");
        Process cat = new ProcessBuilder("cat", SOMAXCONN.toString()).start();
        String shell = new String(cat.getInputStream().readAllBytes()).trim();
        cat.waitFor();
        assertThat(KernelSettings.somaxconn()).isEqualTo(Integer.parseInt(shell));
        assertThat(KernelSettings.sysctl("net.core.somaxconn")).hasValue(Long.parseLong(shell));
    }

    @Test
    void theEffectiveBacklogIsClampedToSomaxconn() {
        int somaxconn = KernelSettings.somaxconn();
        assertThat(KernelSettings.effectiveBacklog(somaxconn + 100)).isEqualTo(somaxconn);
        assertThat(KernelSettings.effectiveBacklog(1)).isEqualTo(1);
    }
}
