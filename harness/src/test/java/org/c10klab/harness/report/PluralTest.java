package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.c10klab.harness.stats.Spread;
import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneTakesTheSingularEverythingElseThePlural() {
        assertThat(Plural.of(1, "connection")).isEqualTo("1 connection");
        assertThat(Plural.of(0, "connection")).isEqualTo("0 connections");
        assertThat(Plural.of(2, "trial")).isEqualTo("2 trials");
        assertThat(Plural.noun(1.5, "client")).isEqualTo("clients");
    }

    @Test
    void spellsTheRegularEndings() {
        assertThat(Plural.of(3, "reply")).isEqualTo("3 replies");
        assertThat(Plural.of(3, "day")).isEqualTo("3 days");
        assertThat(Plural.of(2, "process")).isEqualTo("2 processes");
        assertThat(Plural.of(2, "batch")).isEqualTo("2 batches");
        assertThat(Plural.of(1, "process")).isEqualTo("1 process");
    }

    @Test
    void theVerbAgreesWithTheCount() {
        assertThat(Plural.was(1)).isEqualTo("was");
        assertThat(Plural.was(0)).isEqualTo("were");
        assertThat(Plural.was(4)).isEqualTo("were");
        assertThat(Plural.ofTotal(1, 1, "request")).isEqualTo("1 of 1 request");
        assertThat(Plural.ofTotal(0, 20, "attempt")).isEqualTo("0 of 20 attempts");
    }

    @Test
    void aSpreadIsSingularOnlyWhenEveryTrialCountedOne() {
        assertThat(CountSpread.was(Spread.of(List.of(1L, 1L, 1L)))).isEqualTo("1 was");
        assertThat(CountSpread.was(Spread.of(List.of(0L, 1L, 2L)))).isEqualTo("0-2 (median 1) were");
        assertThat(CountSpread.was(Spread.of(List.of(3L)))).isEqualTo("3 were");
    }
}
