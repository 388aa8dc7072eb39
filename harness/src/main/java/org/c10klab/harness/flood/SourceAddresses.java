package org.c10klab.harness.flood;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.c10klab.server.transport.NettyTransport;

/**
 * Which loopback address each client of a flood connects from. Linux picks a connection's port by scanning
 * the ephemeral range for one not yet used towards the same destination; once about half the range
 * (net.ipv4.ip_local_port_range) is in use towards one target, every connect() scans all of that half
 * first, and its kernel time grows from about 0.04 ms to about 1.4 ms. An event loop issuing thousands of
 * connects a second cannot keep its schedule then, and every connect behind it looks slow. A loopback
 * target answers from any 127.x.y.z, each source address with its own ports, so the clients past a quarter
 * of the range leave from 127.0.0.2, those past half from 127.0.0.3, and so on; the rest keep the kernel's
 * choice. A segment of a flood split over several processes ({@code --workers}) takes addresses of its own,
 * 127.0.(I+1).1, 127.0.(I+1).2, ..., so the processes never compete for one address's ports.
 */
final class SourceAddresses {

    /**
     * setsockopt(IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT): bind() only fixes the address, connect() picks the
     * port, so ports stay shared across destinations as they are without a bind.
     */
    static final IntegerUnixChannelOption IP_BIND_ADDRESS_NO_PORT =
            new IntegerUnixChannelOption("IP_BIND_ADDRESS_NO_PORT", 0, 24);
    /** Linux's default net.ipv4.ip_local_port_range, 32768-60999, used where /proc cannot be read. */
    static final int DEFAULT_EPHEMERAL_PORTS = 28232;
    /** Each address takes this share of the range: under half, and room left for TIME_WAIT and other programs. */
    static final int SHARE_OF_RANGE = 4;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** The last octet the source addresses may reach: 127.0.0.254. */
    private static final int LAST_SOURCE = 254;

    private final int clientsPerAddress;
    /** The third octet of every address: 0 for a whole flood, I + 1 for segment I of several. */
    private final int block;

    private SourceAddresses(int clientsPerAddress, int block) {
        this.clientsPerAddress = clientsPerAddress;
        this.block = block;
    }

    /** The plan for a whole flood against {@code target}. */
    static SourceAddresses forTarget(InetSocketAddress target) {
        return forTarget(target, FloodSegment.WHOLE);
    }

    /**
     * The plan for {@code segment} of a flood against {@code target}: spread over loopback addresses when it is
     * an IPv4 loopback target.
     */
    static SourceAddresses forTarget(InetSocketAddress target, FloodSegment segment) {
        boolean spread = target.getAddress() instanceof Inet4Address && target.getAddress().isLoopbackAddress();
        if (!spread) {
            return new SourceAddresses(Integer.MAX_VALUE, 0);
        }
        return new SourceAddresses(Math.max(1, ephemeralPorts() / SHARE_OF_RANGE),
                segment.whole() ? 0 : 1 + segment.index() % LAST_SOURCE);
    }

    /** The address client {@code index} binds to before it connects; null to leave the choice to the kernel. */
    InetSocketAddress forClient(int index) {
        int group = index / clientsPerAddress;
        if (group == 0 && block == 0) {
            return null;
        }
        int octet = 1 + Math.min(group, LAST_SOURCE - 1);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) block, (byte) octet}),
                    0);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * Lets the native transports bind an address without a port. NIO cannot set the option and binds a
     * port as well, which only means those ports are not shared with other destinations.
     */
    static void configure(Bootstrap template, NettyTransport transport) {
        if (transport != NettyTransport.NIO) {
            template.option(IP_BIND_ADDRESS_NO_PORT, 1);
        }
    }

    /** The ports in net.ipv4.ip_local_port_range; the default where it cannot be read. */
    static int ephemeralPorts() {
        // One line through a reader: Files.readString of a size-0 /proc/sys file returns its first byte only.
        try (BufferedReader reader = Files.newBufferedReader(PORT_RANGE)) {
            return ephemeralPorts(reader.readLine());
        } catch (IOException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }

    /** The ports between the two bounds of {@code range}, e.g. "32768\t60999", both included. */
    static int ephemeralPorts(String range) {
        String[] bounds = range == null ? new String[0] : range.trim().split("\\s+");
        try {
            int ports = bounds.length == 2 ? Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1 : 0;
            return ports > 0 ? ports : DEFAULT_EPHEMERAL_PORTS;
        } catch (NumberFormatException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }
}
