package org.c10klab.harness.launch;

import java.util.ArrayList;
import java.util.List;

/** The command line that runs a {@code c10k} subcommand in a child JVM on this JVM's runtime and classpath. */
public final class ChildJvm {

    private static final String MAIN_CLASS = "org.c10klab.harness.cli.C10k";

    private ChildJvm() {
    }

    /**
     * @param jvmOptions e.g. {@code -Xmx256m}
     * @param c10kArgs   the subcommand and its options, e.g. {@code server netty --port 0}
     */
    public static List<String> command(List<String> jvmOptions, List<String> c10kArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // Netty loads JNI code (epoll, io_uring); JDK 24+ warns on every start unless native access is granted.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(c10kArgs);
        return command;
    }
}
