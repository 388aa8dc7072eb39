package org.c10klab.harness.flood;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a flood goes, parsed from {@code HOST:PORT} or {@code [IPv6]:PORT}, and the rule that keeps
 * floods on loopback unless the user says the remote machine is theirs.
 */
public final class TargetAddress {

    private TargetAddress() {
    }

    /**
     * Parses and resolves {@code target}.
     *
     * @param allowRemote true when the user passed {@code --allow-remote}
     * @throws IllegalArgumentException when the text is malformed, the host unknown, or the address
     *                                  not loopback and remote targets were not allowed
     */
    public static InetSocketAddress resolve(String target, boolean allowRemote) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException("target '" + target + "' is not HOST:PORT (e.g. 127.0.0.1:7379)");
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + target + "': port is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target '" + target + "': port " + port + " (expected: 1..65535)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("target '" + target + "': unknown host " + host, e);
        }
        // isLoopbackAddress covers exactly 127.0.0.0/8 and ::1.
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("refusing to flood " + address.getHostAddress() + ":" + port
                    + ": it is not a loopback address (127.0.0.0/8 or ::1). A flood is a denial-of-service "
                    + "attack on a machine you do not own; if you own this one, pass --allow-remote.");
        }
        return new InetSocketAddress(address, port);
    }
}
