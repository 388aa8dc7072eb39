package org.c10klab.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RSS and its peak, read from {@code /proc/self/status} as Linux reports them. */
class ResidentMemoryTest {

    @Test
    void readsVmRssInBytes() {
        assertThat(ResidentMemory.fromStatus(List.of("Name:\tjava", "VmHWM:\t  900 kB", "VmRSS:\t  812 kB")))
                .isEqualTo(812 * 1024L);
        assertThat(ResidentMemory.fromStatus(List.of("Name:\tjava"))).isNull();
    }

    @Test
    void thePeakOfThisProcessIsAtLeastWhatItHoldsNow() throws Exception {
        Long now = ResidentMemory.fromStatus(Files.readAllLines(Path.of("/proc/self/status")));
        Long peak = ResidentMemory.peakOfSelf();

        assertThat(now).isPositive();
        assertThat(peak).isGreaterThanOrEqualTo(now);
    }
}
