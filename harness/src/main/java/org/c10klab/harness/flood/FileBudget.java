package org.c10klab.harness.flood;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sockets this process may still open: its open-file limit, less the files already open and a
 * reserve the harness keeps for itself. Past the budget an attempt ends as {@code local_limit} without
 * calling socket(): a process at EMFILE cannot load a class, read /proc or write its results either.
 */
public final class FileBudget {

    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    private final AtomicLong left;

    private FileBudget(long sockets) {
        this.left = new AtomicLong(sockets);
    }

    /** The budget of this process now; unlimited where /proc cannot tell. */
    public static FileBudget forThisProcess() {
        Long limit = openFileLimit();
        long open = openFiles();
        if (limit == null || limit == Long.MAX_VALUE || open < 0) {
            return new FileBudget(Long.MAX_VALUE);
        }
        return new FileBudget(Math.max(0, limit - open - FloodDefaults.RESERVED_FILES));
    }

    /** Takes one socket from the budget; false when none is left. */
    boolean tryAcquire() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Gives back the socket of a closed connection or a failed attempt. */
    void release() {
        left.incrementAndGet();
    }

    /** Sockets still to be had. */
    public long left() {
        return left.get();
    }

    /** This process's soft limit on open files (ulimit -n), from /proc/self/limits; null when unreadable. */
    public static Long openFileLimit() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    // "Max open files            20000                20000                files"
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** Files this process has open now, or -1 when /proc cannot tell. */
    public static long openFiles() {
        long count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(OPEN_FILES)) {
            for (Path ignored : files) {
                count++;
            }
            return count;
        } catch (IOException e) {
            return -1;
        }
    }
}
