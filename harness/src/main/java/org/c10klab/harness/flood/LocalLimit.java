package org.c10klab.harness.flood;

/** The limits of the harness's own machine that can stop a flood before the server does. */
public enum LocalLimit {
    // Before OPEN_FILES: its strerror() text contains OPEN_FILES's.
    /** ENFILE: the whole system's file table ({@code fs.file-max}). */
    SYSTEM_FILES("system_files", "too many open files in system",
            "the system-wide file table (fs.file-max) ran out"),
    /** EMFILE: this process's open-file limit ({@code ulimit -n}); every socket is a file. */
    OPEN_FILES("open_files", "too many open files",
            "this process's open-file limit (ulimit -n) was reached: every connection is a file descriptor, "
                    + "and the harness keeps " + FloodDefaults.RESERVED_FILES + " for itself"),
    /** EADDRNOTAVAIL: every ephemeral port towards this target is in use or in TIME_WAIT. */
    EPHEMERAL_PORTS("ephemeral_ports", "cannot assign requested address",
            "the ephemeral ports (net.ipv4.ip_local_port_range) to this target ran out, TIME_WAIT included"),
    /** ENOBUFS: the kernel could not allocate socket memory. */
    SOCKET_BUFFERS("socket_buffers", "no buffer space available",
            "the kernel ran out of socket buffer memory");

    private final String label;
    private final String strerror;
    private final String meaning;

    LocalLimit(String label, String strerror, String meaning) {
        this.label = label;
        this.strerror = strerror;
        this.meaning = meaning;
    }

    /** The detail name under {@code local_limit}, e.g. {@code open_files}. */
    public String label() {
        return label;
    }

    /** The lower-case strerror() text the JDK puts in its exception messages. */
    String strerror() {
        return strerror;
    }

    /** One line on what ran out. */
    public String meaning() {
        return meaning;
    }

    /** The limit with this label, or null. */
    public static LocalLimit fromLabel(String label) {
        for (LocalLimit limit : values()) {
            if (limit.label.equals(label)) {
                return limit;
            }
        }
        return null;
    }
}
