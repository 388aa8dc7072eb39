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
    void stagesAreSplitSoTheSegmentsStagesAddUpToTheWholes() {
        FloodConfig connections = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "--stage", "10s:connections=7",
                "--stage", "5s:connections=10", "--stage", "5s:connections=1");
        FloodConfig rate = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "--stage", "0s:rate=300",
                "--stage", "20s:rate=1000");
        for (FloodConfig whole : List.of(connections, rate)) {
            for (int count : new int[] {2, 3}) {
                double[] targets = new double[whole.stages().size()];
                for (int i = 0; i < count; i++) {
                    FloodConfig part = new FloodSegment(i, count).of(whole);
                    assertThat(part.stages()).hasSameSizeAs(whole.stages());
                    assertThat(part.duration()).isEqualTo(whole.duration());
                    for (int s = 0; s < targets.length; s++) {
                        Stage stage = part.stages().get(s);
                        assertThat(stage.duration()).isEqualTo(whole.stages().get(s).duration());
                        assertThat(stage.quantity()).isEqualTo(whole.stages().get(s).quantity());
                        targets[s] += stage.target();
                    }
                }
                for (int s = 0; s < targets.length; s++) {
                    assertThat(targets[s]).as("stage " + s + " over " + count)
                            .isCloseTo(whole.stages().get(s).target(), offset(1e-9));
                }
            }
        }
        // 7 connections over 2: 4 and 3, as the connections themselves are shared out.
        assertThat(new FloodSegment(1, 2).of(connections).stages().getFirst().target()).isEqualTo(3);
        assertThat(new FloodSegment(1, 3).of(rate).stages().get(1).target()).isCloseTo(300, offset(1e-9));
    }

    @Test
    void sequentialKeysStartWhereTheSegmentsRequestsStartInTheWholeFlood() {
        FloodConfig counted = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "-n", "10",
                "--command", "SET __key__ __value__", "--keyspace", "100", "--key-distribution", "sequential",
                "--value-size", "8");
        assertThat(counted.keysAndValues().sequentialStart()).isZero();
        assertThat(new FloodSegment(0, 2).of(counted).keysAndValues().sequentialStart()).isZero();
        assertThat(new FloodSegment(1, 2).of(counted).keysAndValues().sequentialStart()).isEqualTo(50);
        // 10 connections over 3 (4, 3, 3) of 10 requests: segment 2 starts at request 70.
        assertThat(new FloodSegment(2, 3).of(counted).keysAndValues().sequentialStart()).isEqualTo(70);
        FloodConfig timed = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "-d", "5s",
                "--command", "GET __key__", "--keyspace", "1000", "--key-distribution", "sequential");
        assertThat(new FloodSegment(1, 4).of(timed).keysAndValues().sequentialStart()).as("a share of the key space")
                .isEqualTo(250);
        FloodConfig uniform = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "10", "-n", "10",
                "--command", "GET __key__", "--keyspace", "100");
        assertThat(new FloodSegment(1, 2).of(uniform).keysAndValues()).isEqualTo(uniform.keysAndValues());
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
