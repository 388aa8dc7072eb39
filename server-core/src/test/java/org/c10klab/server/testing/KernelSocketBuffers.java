package org.c10klab.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many bytes this host's kernel can hold in flight on TCP connections, read from /proc, so a
 * back-pressure test bounds what a writer gets out before it stalls by the host's own settings
 * rather than by one machine's defaults.
 */
public final class KernelSocketBuffers {

    private KernelSocketBuffers() {
    }

    /**
     * The most one direction of one connection can hold: the sender's send buffer plus the
     * receiver's receive buffer, each at its largest possible size.
     */
    public static long perDirectionBytes() {
        return largestBuffer("tcp_wmem", "wmem_max") + largestBuffer("tcp_rmem", "rmem_max");
    }

    /**
     * Autotuning grows a buffer up to the third value of {@code tcp_[rw]mem}; a socket that sets
     * SO_SNDBUF or SO_RCVBUF gets up to twice {@code [rw]mem_max} instead (the kernel doubles the
     * request for its bookkeeping). The larger of the two bounds either kind of socket.
     */
    private static long largestBuffer(String tcpSetting, String explicitMaxSetting) {
        String[] minDefaultMax = read("/proc/sys/net/ipv4/" + tcpSetting).split("\\s+");
        long autotuned = Long.parseLong(minDefaultMax[2]);
        long explicit = 2 * Long.parseLong(read("/proc/sys/net/core/" + explicitMaxSetting));
        return Math.max(autotuned, explicit);
    }

    private static String read(String file) {
        try {
            // readAllLines, not readString, which reads these files short (they report a size of 0).
            return Files.readAllLines(Path.of(file)).getFirst().trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's socket buffer limits", e);
        }
    }
}
