package org.c10klab.server.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which transport a server or client runs on and, when it was chosen automatically, why each more
 * preferred one was skipped.
 *
 * @param transport the transport to use
 * @param automatic true when the user asked for {@code auto}
 * @param skipped   each transport tried before {@code transport}, with why it is unavailable
 */
public record TransportSelection(NettyTransport transport, boolean automatic, Map<NettyTransport, String> skipped) {

    /** The choice that means "the best available". */
    public static final String AUTO = "auto";

    public TransportSelection {
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /**
     * Resolves {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}. {@code auto} takes the first
     * available of io_uring, epoll, NIO; a named transport that is unavailable is an error, never a
     * silent fallback, so a measurement always runs on the transport it claims.
     *
     * @throws IllegalArgumentException for an unknown name or an unavailable transport
     */
    public static TransportSelection select(String requested) {
        if (!AUTO.equals(requested)) {
            NettyTransport transport = NettyTransport.fromCliName(requested);
            if (!transport.isAvailable()) {
                throw new IllegalArgumentException("transport " + transport.cliName() + " is unavailable here: "
                        + why(transport.unavailabilityCause()) + " (try --transport auto)");
            }
            return new TransportSelection(transport, false, Map.of());
        }
        Map<NettyTransport, String> skipped = new LinkedHashMap<>();
        for (NettyTransport transport : NettyTransport.values()) {
            if (transport.isAvailable()) {
                return new TransportSelection(transport, true, skipped);
            }
            skipped.put(transport, why(transport.unavailabilityCause()));
        }
        // NIO is always available; reaching here means the JDK itself is broken.
        throw new IllegalStateException("no Netty transport is available: " + skipped);
    }

    /** One line for stderr, e.g. {@code netty transport: epoll (auto; skipped io_uring: ...)}. */
    public String describe() {
        StringBuilder line = new StringBuilder("netty transport: ").append(transport.cliName());
        if (!automatic) {
            return line.append(" (requested)").toString();
        }
        line.append(" (auto");
        skipped.forEach((transport, why) -> line.append("; skipped ").append(transport.cliName()).append(": ").append(why));
        return line.append(')').toString();
    }

    /** The innermost cause names the missing piece (library, kernel feature, permission) most plainly. */
    private static String why(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
