package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * When a client whose SYN got no answer sends it again, as DESIGN section 5 states it for Linux:
 * {@code tcp_syn_linear_timeouts + 1} retransmits one second apart, then the wait doubles. With 4
 * that is 1, 2, 3, 4, 5, 7, 11, 19 ... s; with 0 (older kernels) 1, 3, 7, 15 ... s. Reports show it
 * beside what the overflow counter measured, so a kernel that differs is seen to differ.
 */
public final class SynRetransmits {

    /** A SYN's initial retransmission timeout, so its first retransmit: 1 s (RFC 6298, Linux TCP_TIMEOUT_INIT). */
    public static final double INITIAL_TIMEOUT_SECONDS = 1.0;
    /** A connect faster than this had none of its SYNs dropped: the first retransmit leaves after 1 s. */
    public static final double AT_ONCE_SECONDS = INITIAL_TIMEOUT_SECONDS / 2;

    private SynRetransmits() {
    }

    /**
     * @param linearTimeouts net.ipv4.tcp_syn_linear_timeouts; 0 when the kernel predates it
     * @param upToSeconds    the last time of interest, e.g. the connect timeout
     * @return retransmit times since the first SYN, ascending, none later than {@code upToSeconds}
     */
    public static List<Double> expectedSeconds(long linearTimeouts, double upToSeconds) {
        List<Double> times = new ArrayList<>();
        double wait = INITIAL_TIMEOUT_SECONDS;
        double at = 0;
        for (int retransmit = 1; ; retransmit++) {
            at += wait;
            if (at > upToSeconds) {
                return times;
            }
            times.add(at);
            if (retransmit > linearTimeouts) {
                wait *= 2;
            }
        }
    }
}
