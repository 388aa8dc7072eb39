package org.c10klab.harness.experiment;

import org.c10klab.server.KernelSettings;

/**
 * The host's accept-queue settings, read before and after an experiment that changes them inside a
 * private namespace, to show the host kept its own.
 *
 * @param somaxconn          net.core.somaxconn, or null when unreadable
 * @param tcpAbortOnOverflow net.ipv4.tcp_abort_on_overflow, or null when unreadable
 */
public record HostSettings(Long somaxconn, Long tcpAbortOnOverflow) {

    /** This process's namespace, now. */
    public static HostSettings read() {
        return new HostSettings(boxed("net.core.somaxconn"), boxed("net.ipv4.tcp_abort_on_overflow"));
    }

    private static Long boxed(String name) {
        var value = KernelSettings.sysctl(name);
        return value.isPresent() ? value.getAsLong() : null;
    }
}
