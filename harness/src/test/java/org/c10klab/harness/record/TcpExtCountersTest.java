package org.c10klab.harness.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.c10klab.harness.result.ListenQueueDrops;
import org.junit.jupiter.api.Test;

/**
 * The kernel's TcpExt counters as {@code nstat -az} shows them, read from a /proc/net/netstat captured on a
 * Linux 6.18 machine (135 TcpExt counters, then IpExt and MPTcpExt sections).
 */
class TcpExtCountersTest {

    @Test
    void readsTheSynRetransmitsAndTheListenQueueCountersOfACapturedFile() throws IOException {
        TcpExtCounters counters = TcpExtCounters.parse(capturedNetstat()).orElseThrow();

        // The capture's values under those names: counters 101, 23 and 24 of its TcpExt line.
        assertThat(counters.get(TcpExtCounters.SYN_RETRANSMITS)).isEqualTo(69);
        assertThat(ListenQueueCounters.of(counters)).contains(new ListenQueueDrops(160, 160));
        assertThat(counters.values()).hasSize(135);
        assertThat(counters.get("InOctets")).as("an IpExt counter is not a TcpExt one").isNull();
    }

    @Test
    void theRiseNeedsBothReadings() {
        Optional<TcpExtCounters> before = Optional.of(new TcpExtCounters(Map.of("TCPSynRetrans", 69L)));
        Optional<TcpExtCounters> after = Optional.of(new TcpExtCounters(Map.of("TCPSynRetrans", 75L)));

        assertThat(TcpExtCounters.rise(before, after, TcpExtCounters.SYN_RETRANSMITS)).isEqualTo(6);
        assertThat(TcpExtCounters.rise(Optional.empty(), after, TcpExtCounters.SYN_RETRANSMITS)).isNull();
        assertThat(TcpExtCounters.rise(before, after, "ListenOverflows")).as("a counter neither has").isNull();
    }

    @Test
    void aFileWithoutTcpExtLinesHasNoCounters() {
        assertThat(TcpExtCounters.parse(List.of("IpExt: InNoRoutes", "IpExt: 0"))).isEmpty();
        assertThat(TcpExtCounters.read()).as("this kernel's own file").isPresent()
                .hasValueSatisfying(counters -> assertThat(counters.get(TcpExtCounters.SYN_RETRANSMITS)).isNotNull());
    }

    private static List<String> capturedNetstat() throws IOException {
        try (InputStream in = TcpExtCountersTest.class.getResourceAsStream("netstat-sample.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }
}
