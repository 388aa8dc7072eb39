package org.c10klab.harness.launch;

import java.util.ArrayList;
import java.util.List;
import org.c10klab.server.OutOfMemoryExit;

/**
 * The command line that runs a {@code c10k} subcommand in a child JVM on this JVM's runtime and
 * classpath; out of heap, the child exits instead of lingering ({@link OutOfMemoryExit}).
 */
public final class ChildJvm {

    private static final String MAIN_CLASS = "org.c10klab.harness.cli.C10k";
    /** 8-byte object headers, a product option from JDK 25 on (JEP 519). */
    private static final String COMPACT_HEADERS = "-XX:+UseCompactObjectHeaders";

    private ChildJvm() {
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx256m}; they come after the lab's own, so they can override them
     * @param c10kArgs   the subcommand and its options, e.g. {@code server netty --port 0}
     */
    public static List<String> command(List<String> jvmOptions, List<String> c10kArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Netty loads JNI code (epoll, io_uring); JDK 24+ warns on every start unless native access is granted.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(OutOfMemoryExit.JVM_OPTIONS);
        if (Runtime.version().feature() >= 25) {
            command.add(COMPACT_HEADERS); // as the c10k launcher does: an idle connection's objects shrink by a tenth
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(c10kArgs);
        return command;
    }
}
