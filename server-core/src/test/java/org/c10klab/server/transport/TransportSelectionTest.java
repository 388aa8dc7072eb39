package org.c10klab.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing a transport is explicit and explained: auto says what it skipped, a named one is taken or refused. */
class TransportSelectionTest {

    @Test
    void autoTakesTheFirstAvailableTransportAndSaysWhyOthersWereSkipped() {
        TransportSelection selection = TransportSelection.select("auto");

        NettyTransport expected = NettyTransport.IO_URING.isAvailable() ? NettyTransport.IO_URING
                : NettyTransport.EPOLL.isAvailable() ? NettyTransport.EPOLL : NettyTransport.NIO;
        assertThat(selection.transport()).isEqualTo(expected);
        assertThat(selection.automatic()).isTrue();
        assertThat(selection.skipped().keySet()).allMatch(skipped -> skipped.ordinal() < expected.ordinal());
        assertThat(selection.describe()).startsWith("netty transport: " + expected.cliName() + " (auto");
        selection.skipped().forEach((skipped, why) ->
                assertThat(selection.describe()).contains("skipped " + skipped.cliName() + ": " + why));
    }

    @Test
    void aNamedTransportIsTakenAsIsOrRefused() {
        assertThat(TransportSelection.select("nio")).isEqualTo(
                new TransportSelection(NettyTransport.NIO, false, Map.of()));
        for (NettyTransport transport : NettyTransport.values()) {
            if (!transport.isAvailable()) {
                assertThatThrownBy(() -> TransportSelection.select(transport.cliName()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("transport " + transport.cliName() + " is unavailable here: ");
            }
        }
        assertThatThrownBy(() -> TransportSelection.select("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport 'kqueue' (expected: auto, io_uring, epoll, nio)");
    }
}
