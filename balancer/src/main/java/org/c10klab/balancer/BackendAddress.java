package org.c10klab.balancer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses one {@code --backends} entry, {@code HOST:PORT} or {@code [IPv6]:PORT}, and keeps the
 * balancer on loopback unless the user says the remote machine is theirs.
 */
final class BackendAddress {

    private BackendAddress() {
    }

    /**
     * @param allowRemote true when the user passed {@code --allow-remote}
     * @throws IllegalArgumentException when the text is malformed, the host unknown, or the address not
     *                                  loopback and remote backends were not allowed
     */
    static InetSocketAddress resolve(String backend, boolean allowRemote) {
        int colon = backend.lastIndexOf(':');
        if (colon <= 0 || colon == backend.length() - 1) {
            throw new IllegalArgumentException("--backends: '" + backend + "' is not HOST:PORT (e.g. 127.0.0.1:7379)");
        }
        String host = backend.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(backend.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--backends: '" + backend + "': port is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--backends: '" + backend + "': port " + port + " (expected: 1..65535)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--backends: '" + backend + "': unknown host " + host, e);
        }
        // isLoopbackAddress covers exactly 127.0.0.0/8 and ::1.
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("--backends: refusing " + address.getHostAddress() + ":" + port
                    + ": it is not a loopback address (127.0.0.0/8 or ::1). The lab sends load to this machine "
                    + "only; if the remote machine is yours, pass --allow-remote.");
        }
        return new InetSocketAddress(address, port);
    }
}
