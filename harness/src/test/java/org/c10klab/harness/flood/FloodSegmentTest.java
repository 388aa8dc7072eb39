package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.c10klab.harness.cli.FloodCommand;
import org.junit.jupiter.api.Test;

/** The split of a flood into segments: the shares add up exactly to the whole, each connection keeps its pace. */
class FloodSegmentTest {

    @Test
    void connectionsAreSharedOutFirstSegmentsTakingTheRemainder() {
        assertThat(shares(10, 3)).containsExactly(4L, 3L, 3L);
        assertThat(shares(2000, 2)).containsExactly(1000L, 1000L);
        assertThat(shares(100_000, 6)).containsExactly(16_667L, 16_667L, 16_667L, 16_667L, 16_666L, 16_666L);
        for (int count = 1; count <= 12; count++) {
            for (long total : new long[] {count, 7, 1000, 99_999}) {
                if (total < count) {
                    continue;
                }
                List<Long> shares = shares(total, count);
                assertThat(shares.stream().mapToLong(Long::longValue).sum()).as(total + " over " + count)
                        .isEqualTo(total);
                for (int i = 0; i < count; i++) {
                    long before = shares.subList(0, i).stream().mapToLong(Long::longValue).sum();
                    assertThat(new FloodSegment(i, count).firstOf(total)).as("first of segment " + i).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void segmentConfigSplitsCountsAndRatesAndKeepsPerConnectionSettings() {
        FloodConfig whole = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "--rate", "1000",
                "-n", "5", "--command", "SLEEP 1", "--response-timeout", "3s");
        double rate = 0;
        int connections = 0;
        for (int i = 0; i < 3; i++) {
            FloodConfig part = new FloodSegment(i, 3).of(whole);
            connections += part.connections();
            rate += part.ratePerSecond();
            assertThat(part.ratePerSecond() / part.connections()).as("each connection's pace")
                    .isCloseTo(whole.ratePerSecond() / whole.connections(), offset(1e-9));
            assertThat(part.requestsPerConnection()).isEqualTo(5);
            assertThat(part.responseTimeout()).isEqualTo(whole.responseTimeout());
            assertThat(part.commands()).isEqualTo(whole.commands());
        }
        assertThat(connections).isEqualTo(10);
        assertThat(rate).isCloseTo(1000, offset(1e-9));
        assertThat(FloodSegment.WHOLE.of(whole)).isEqualTo(whole);
    }

    @Test
    void theCommandLineRunsItsSegmentsShare() {
        FloodConfig part = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "--segment", "2/3");
        assertThat(part.connections()).isEqualTo(3);
    }

    @Test
    void malformedOrImpossibleSegmentsAreRefused() {
        assertThat(FloodSegment.parse("1/4")).isEqualTo(new FloodSegment(1, 4));
        assertThatThrownBy(() -> FloodSegment.parse("4/4")).hasMessageContaining("expected: I/N with 0 <= I < N");
        assertThatThrownBy(() -> FloodSegment.parse("1of4")).hasMessageContaining("is not I/N");
        FloodConfig two = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "2");
        assertThatThrownBy(() -> new FloodSegment(0, 3).of(two))
                .hasMessageContaining("2 connections cannot be split over 3 segments");
    }

    private static List<Long> shares(long total, int count) {
        List<Long> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new FloodSegment(i, count).share(total));
        }
        return shares;
    }
}
