package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.result.TimelinePoint;
import org.junit.jupiter.api.Test;

/** The documented rule of {@link ColdTarget}, on timelines of interval p99s sampled every 250 ms. */
class ColdTargetTest {

    @Test
    void aFirstSecondFarAboveTheRestIsCold() {
        assertThat(ColdTarget.evidence(timeline(500, 300, 140, 150, 140, 145, 150)))
                .hasValue("request p99 500 ms in the first second, 145 ms after (median of 3 intervals)");
    }

    @Test
    void aStartBelowThreeTimesTheRestIsNot() {
        assertThat(ColdTarget.evidence(timeline(400, 140, 140, 150, 140, 145, 150))).isEmpty();
    }

    @Test
    void microsecondsAreNeverCold() {
        // Forty times the rest, but 2 ms: jitter, not a cold server.
        assertThat(ColdTarget.evidence(timeline(2, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05))).isEmpty();
        assertThat(ColdTarget.evidence(timeline(60, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05))).isPresent();
    }

    @Test
    void aRunOverInAboutASecondGetsNoVerdict() {
        assertThat(ColdTarget.evidence(timeline(900, 10, 10, 10, 10, 10))).isEmpty();
    }

    @Test
    void intervalsWithoutAnswersDoNotCount() {
        assertThat(ColdTarget.evidence(timeline(0, 0, 500, 0, 140, 140, 0, 140))).isPresent();
        assertThat(ColdTarget.evidence(timeline(500, 0, 0, 0, 0, 140, 140, 0, 0))).isEmpty();
    }

    /** A point every 250 ms, from 0.25 s, with these interval p99s (0: nothing answered then). */
    private static List<TimelinePoint> timeline(double... p99s) {
        List<TimelinePoint> points = new ArrayList<>();
        for (int i = 0; i < p99s.length; i++) {
            points.add(new TimelinePoint(0.25 * (i + 1), 1, 1, 0, i, 0, 100, p99s[i], null, null, null, null));
        }
        return points;
    }
}
