package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.result.CheckResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.harness.result.RunInfo;
import org.junit.jupiter.api.Test;

/** --assert thresholds: the syntax, and the verdicts on a known result. */
class ThresholdTest {

    /** 10 attempts (9 ok, 1 connect_timeout); 100 requests (97 ok, 2 reset, 1 error reply); p99 40 ms. */
    private static final FloodResult RESULT = new FloodResult(
            FloodCommand.parseConfig("--target", "127.0.0.1:7379"), null, EnvironmentProbe.probe(),
            new RunInfo("2026-01-01T00:00:00Z", 2.0, false, "completed", "epoll", "auto", 2, 250),
            counts(Map.of(Outcome.OK, 9L, Outcome.CONNECT_TIMEOUT, 1L)),
            counts(Map.of(Outcome.OK, 97L, Outcome.RESET, 2L, Outcome.ERROR_REPLY, 1L)),
            new RequestAccounting(10, 100, 0, 1, 9), 48.5,
            new LatencySummary(9, 0.1, 0.2, 0.2, 0.3, 0.4, 0.4, 0.4),
            new LatencySummary(98, 1, 5, 4, 10, 40, 45, 45), List.of(),
            null, null, null, null, List.of(), List.of(), List.of());

    @Test
    void latencyThresholds() {
        assertThat(verdict("p99<50ms")).isEqualTo(new CheckResult("p99<50ms", true, "40.000ms"));
        assertThat(verdict("p99 < 40ms").passed()).isFalse();
        assertThat(verdict("p99<=40ms").passed()).isTrue();
        assertThat(verdict("p99.9<1s").passed()).isTrue();
        assertThat(verdict("max<45ms").passed()).isFalse();
        assertThat(verdict("connect.p99<1ms").actual()).isEqualTo("0.400ms");
        assertThat(verdict("P50>=4ms").passed()).as("case does not matter").isTrue();
    }

    @Test
    void errorShareCountsAttemptsAndRequestsTogether() {
        // 1 failed attempt + 3 failed requests of 110 operations.
        assertThat(verdict("errors<1%")).isEqualTo(new CheckResult("errors<1%", false, "3.636% (4 of 110)"));
        assertThat(verdict("errors<5%").passed()).isTrue();
        assertThat(verdict("request.errors<=3").passed()).isTrue();
        assertThat(verdict("connect.errors=0").passed()).isFalse();
    }

    @Test
    void outcomeThresholds() {
        assertThat(verdict("connect_timeout=0")).isEqualTo(new CheckResult("connect_timeout=0", false, "1"));
        assertThat(verdict("reset<=2").passed()).isTrue();
        assertThat(verdict("request.reset<1%").actual()).isEqualTo("2.000% (2 of 100)");
        assertThat(verdict("unanswered=0").passed()).isFalse();
        assertThat(verdict("rps>=48").passed()).isTrue();
    }

    @Test
    void noSamplesIsNoPass() {
        FloodResult nothingAnswered = new FloodResult(RESULT.config(), null, RESULT.environment(), RESULT.run(),
                RESULT.connections(), RESULT.requests(), RESULT.accounting(), 0, LatencySummary.EMPTY,
                LatencySummary.EMPTY, List.of(), null, null, null, null, List.of(), List.of(), List.of());

        assertThat(Threshold.parse("p99<1s").evaluate(nothingAnswered))
                .isEqualTo(new CheckResult("p99<1s", false, "no samples"));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Threshold.parse("p99 fast")).hasMessageContaining("expected [connect.|request.]METRIC OP VALUE");
        assertThatThrownBy(() -> Threshold.parse("p99<fast")).hasMessageContaining("needs a duration");
        assertThatThrownBy(() -> Threshold.parse("p42<1s")).hasMessageContaining("unknown metric 'p42'");
        assertThatThrownBy(() -> Threshold.parse("errors<lots")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Threshold.parse("rps>5%")).hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> Threshold.parse("connect.unanswered=0")).hasMessageContaining("no connect./request.");
    }

    private static CheckResult verdict(String expression) {
        return Threshold.parse(expression).evaluate(RESULT);
    }

    private static OutcomeCounts counts(Map<Outcome, Long> nonZero) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (Outcome outcome : Outcome.values()) {
            long count = nonZero.getOrDefault(outcome, 0L);
            counts.put(outcome.label(), count);
            total += count;
        }
        return new OutcomeCounts(total, counts, Map.of());
    }
}
