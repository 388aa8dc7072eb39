package org.c10klab.harness.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace ({@code ip netns add c10k-...}) with its own loopback, its own
 * /proc/sys/net settings and its own TcpExt counters, so an experiment may change
 * {@code tcp_abort_on_overflow} or {@code somaxconn} there without touching the host. Deleted on
 * close, and on JVM exit (also Ctrl-C).
 */
public final class NetworkNamespace implements AutoCloseable {

    /** Every namespace this harness creates starts with this, so a leftover is recognisable in {@code ip netns}. */
    public static final String NAME_PREFIX = "c10k-";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(NetworkNamespace::deleteQuietly), "delete-network-namespaces"));
    }

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace with a random name and its loopback up.
     *
     * @throws IOException when this process is not root, or {@code ip netns} fails (the message says which)
     */
    public static NetworkNamespace create() throws IOException {
        if (!runningAsRoot()) {
            throw new IOException("a private network namespace needs root ('ip netns add' creates it); "
                    + "run as root, or leave out the option that asked for one");
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = NAME_PREFIX + HexFormat.of().formatHex(random);
        run(List.of("ip", "netns", "add", name));
        LIVE.add(name);
        NetworkNamespace namespace = new NetworkNamespace(name);
        try {
            // A new namespace has only a loopback device, and it starts down.
            run(namespace.wrap(List.of("ip", "link", "set", "lo", "up")));
            return namespace;
        } catch (IOException e) {
            namespace.close();
            throw e;
        }
    }

    /** The name, as {@code ip netns list} shows it. */
    public String name() {
        return name;
    }

    /** {@code command} prefixed so that it runs inside this namespace. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", name));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Sets a sysctl inside this namespace only, e.g. {@code net.ipv4.tcp_abort_on_overflow}; the
     * per-namespace network settings start at the kernel defaults, not at the host's values.
     */
    public void sysctl(String key, long value) throws IOException {
        run(wrap(List.of("sysctl", "-q", "-w", key + "=" + value)));
    }

    /** Deletes the namespace; processes still inside keep it alive, unnamed, until they exit. */
    @Override
    public void close() throws IOException {
        if (LIVE.remove(name)) {
            run(List.of("ip", "netns", "delete", name));
        }
    }

    /** True when the effective user id is 0 (/proc/self/status, field "Uid:"). */
    public static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void deleteQuietly(String name) {
        try {
            run(List.of("ip", "netns", "delete", name));
        } catch (IOException e) {
            // The JVM is exiting; a leftover shows in 'ip netns list' under the c10k- prefix.
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + command.getFirst() + "' (is iproute2 installed?): "
                    + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within "
                        + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue()
                        + "): " + (output.isEmpty() ? "no output" : output));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
    }
}
