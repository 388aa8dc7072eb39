package org.c10klab.harness.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.c10klab.server.transport.NettyTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flood's clients past a quarter of the ephemeral port range connect from the next loopback address, so
 * connect() never has to scan half a range of used ports; on every transport the address really is bound.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SourceAddressesTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 7379);

    @Test
    void eachQuarterOfThePortRangeGetsTheNextLoopbackAddress() {
        SourceAddresses sources = SourceAddresses.forTarget(LOOPBACK);
        int perAddress = SourceAddresses.ephemeralPorts() / SourceAddresses.SHARE_OF_RANGE;

        assertThat(sources.forClient(0)).as("the first ones keep the kernel's choice").isNull();
        assertThat(sources.forClient(perAddress - 1)).isNull();
        assertThat(sources.forClient(perAddress)).isEqualTo(new InetSocketAddress("127.0.0.2", 0));
        assertThat(sources.forClient(3 * perAddress)).isEqualTo(new InetSocketAddress("127.0.0.4", 0));
    }

    @Test
    void eachSegmentOfSeveralHasAddressesOfItsOwn() {
        int perAddress = SourceAddresses.ephemeralPorts() / SourceAddresses.SHARE_OF_RANGE;
        SourceAddresses first = SourceAddresses.forTarget(LOOPBACK, new FloodSegment(0, 6));
        SourceAddresses last = SourceAddresses.forTarget(LOOPBACK, new FloodSegment(5, 6));

        assertThat(first.forClient(0)).isEqualTo(new InetSocketAddress("127.0.1.1", 0));
        assertThat(first.forClient(perAddress)).isEqualTo(new InetSocketAddress("127.0.1.2", 0));
        assertThat(last.forClient(0)).isEqualTo(new InetSocketAddress("127.0.6.1", 0));
        assertThat(SourceAddresses.forTarget(LOOPBACK, FloodSegment.WHOLE).forClient(0)).isNull();
    }

    @Test
    void otherTargetsKeepTheKernelsChoice() {
        // IPv6 has a single loopback address; a remote target is reached from this machine's own address.
        assertThat(SourceAddresses.forTarget(new InetSocketAddress("::1", 7379)).forClient(1_000_000)).isNull();
        assertThat(SourceAddresses.forTarget(new InetSocketAddress("192.0.2.1", 7379)).forClient(1_000_000)).isNull();
    }

    @Test
    void readsThePortRange() {
        assertThat(SourceAddresses.ephemeralPorts("32768\t60999")).isEqualTo(28232);
        assertThat(SourceAddresses.ephemeralPorts("1024 65535")).isEqualTo(64512);
        assertThat(SourceAddresses.ephemeralPorts("60999 32768")).isEqualTo(SourceAddresses.DEFAULT_EPHEMERAL_PORTS);
        assertThat(SourceAddresses.ephemeralPorts("many")).isEqualTo(SourceAddresses.DEFAULT_EPHEMERAL_PORTS);
        assertThat(SourceAddresses.ephemeralPorts(null)).isEqualTo(SourceAddresses.DEFAULT_EPHEMERAL_PORTS);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void aClientOfTheSecondQuarterConnectsFrom127002(NettyTransport transport) throws Exception {
        assumeTrue(transport.unavailabilityCause() == null, transport + " is not available here");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            SourceAddresses sources = SourceAddresses.forTarget(target);
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.socketChannelClass())
                    .handler(new ChannelInboundHandlerAdapter());
            SourceAddresses.configure(bootstrap, transport);
            int secondQuarter = SourceAddresses.ephemeralPorts() / SourceAddresses.SHARE_OF_RANGE;

            bootstrap.localAddress(sources.forClient(secondQuarter)).connect(target).sync();
            try (Socket accepted = listener.accept()) {
                assertThat(accepted.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
