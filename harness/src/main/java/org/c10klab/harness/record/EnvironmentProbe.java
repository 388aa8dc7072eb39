package org.c10klab.harness.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.c10klab.harness.flood.FileBudget;
import org.c10klab.harness.result.Environment;
import org.c10klab.server.KernelSettings;

/** Reads the machine and the kernel settings a run's results depend on. */
public final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    /** This machine, now. */
    public static Environment probe() {
        return new Environment(
                Runtime.version().toString(),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                Runtime.getRuntime().availableProcessors(),
                boxed(KernelSettings.sysctl("net.core.somaxconn")),
                boxed(KernelSettings.sysctl("net.ipv4.tcp_abort_on_overflow")),
                boxed(KernelSettings.sysctl("net.ipv4.tcp_syn_linear_timeouts")),
                boxed(KernelSettings.sysctl("net.ipv4.tcp_syncookies")),
                text(Path.of("/proc/sys/net/ipv4/ip_local_port_range")),
                FileBudget.openFileLimit(),
                boxed(KernelSettings.sysctl("kernel.pid_max")),
                hostname());
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static String text(Path file) {
        // One line through a reader: Files.readString of a size-0 /proc/sys file returns its first byte only.
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line = reader.readLine();
            return line == null ? null : line.trim().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return null;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
