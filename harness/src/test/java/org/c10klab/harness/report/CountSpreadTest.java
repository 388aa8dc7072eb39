package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.c10klab.harness.stats.Spread;
import org.junit.jupiter.api.Test;

/** Counts over repeated trials in words. */
class CountSpreadTest {

    @Test
    void aRangeWithItsMedianOrOneCountWhenTheTrialsAgree() {
        assertThat(CountSpread.of(Spread.of(List.of(3, 3, 10, 5)))).isEqualTo("3-10 (median 4)");
        assertThat(CountSpread.of(Spread.of(List.of(4, 5)))).isEqualTo("4-5 (median 4.5)");
        assertThat(CountSpread.named("connected", Spread.of(List.of(3, 3)))).isEqualTo("connected 3");
    }
}
