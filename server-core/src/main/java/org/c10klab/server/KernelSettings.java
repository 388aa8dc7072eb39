package org.c10klab.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads the Linux settings that decide what a listener and a flood can do (DESIGN section 5). */
public final class KernelSettings {

    /** Linux's default for net.core.somaxconn since 5.4, used where /proc cannot be read. */
    public static final int DEFAULT_SOMAXCONN = 4096;

    private KernelSettings() {
    }

    /** net.core.somaxconn: the ceiling the kernel silently clamps every listen backlog to. */
    public static int somaxconn() {
        return (int) read("/proc/sys/net/core/somaxconn").orElse(DEFAULT_SOMAXCONN);
    }

    /** The accept-queue limit a listener asking for {@code requestedBacklog} really gets. */
    public static int effectiveBacklog(int requestedBacklog) {
        return Math.min(requestedBacklog, somaxconn());
    }

    /** A numeric setting under /proc/sys, e.g. {@code net/ipv4/tcp_abort_on_overflow}, if readable. */
    public static OptionalLong sysctl(String name) {
        return read("/proc/sys/" + name.replace('.', '/'));
    }

    private static OptionalLong read(String file) {
        // One buffered read of the whole line: the kernel answers a sysctl read at a non-zero offset
        // with EOF, and Files.readString of a size-0 /proc file reads 1 byte first ("4" for 4096).
        try (BufferedReader reader = Files.newBufferedReader(Path.of(file))) {
            return OptionalLong.of(Long.parseLong(reader.readLine().trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
