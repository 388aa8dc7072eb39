package org.c10klab.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the lab sends load, parsed from {@code HOST:PORT} or {@code [IPv6]:PORT}, and the rule that
 * keeps load on loopback unless the user says the remote machine is theirs.
 */
public final class LoadTarget {

    private LoadTarget() {
    }

    /**
     * Parses and resolves {@code text}.
     *
     * @param option      the option the text came from, e.g. {@code --target}; every message starts with it
     * @param action      what the load is, for the refusal: "refusing to {action} 10.1.2.3:80"
     * @param allowRemote true when the user passed {@code --allow-remote}
     * @throws IllegalArgumentException when the text is malformed, the host unknown, or the address
     *                                  not loopback and remote addresses were not allowed
     */
    public static InetSocketAddress resolve(String text, String option, String action, boolean allowRemote) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:7379)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "': port is not a number", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + ": '" + text + "': port " + port + " (expected: 1..65535)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": '" + text + "': unknown host " + host, e);
        }
        // isLoopbackAddress covers exactly 127.0.0.0/8 and ::1.
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException(option + ": refusing to " + action + " " + address.getHostAddress()
                    + ":" + port + ": it is not a loopback address (127.0.0.0/8 or ::1). Load sent to a machine you "
                    + "do not own is a denial-of-service attack; if you own this one, pass --allow-remote.");
        }
        return new InetSocketAddress(address, port);
    }
}
