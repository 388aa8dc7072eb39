package org.c10klab.harness.experiment;

/** The defaults of {@code c10k backlog}, in one place; durations as typed on the command line. */
public final class BacklogDefaults {

    /** Backlogs tried: the lab's 1, small, Java's default-ish, and more than the largest burst. */
    public static final String BACKLOGS = "1,8,64,512";
    /** Burst sizes tried: the lab's ten clients, and the 200-connection challenge. */
    public static final String CONNECTIONS = "10,200";
    /** The model that drains the queue: serial accepts the next connection only when it is done with the last. */
    public static final String SERVER = "serial";
    /**
     * How long the server holds each connection. 4.5 s frees the first queue slot between the 4th and the
     * 5th SYN retransmit (at 4 and 5 s with tcp_syn_linear_timeouts=4), so the overflow counter shows four
     * rounds of drops first, and the late connects land on one clear step.
     */
    public static final String SLEEP = "4500ms";
    /** How long a client waits to connect: past the 5 s retransmit, so a connect that takes 5 s can be seen. */
    public static final String CONNECT_TIMEOUT = "6s";
    /** How long a connected client waits for its reply: keeps each cell to about 11 s of flood. */
    public static final String RESPONSE_TIMEOUT = "6s";
    /**
     * Trials per cell. Whether a burst's retried SYNs find room in the queue hangs on a race (did the server
     * accept before the 1 s retry?), so one trial is an anecdote; 3 show the spread at 3 times the time.
     */
    public static final String REPEAT = "3";
    /** For models other than serial: one connection at a time, like serial. */
    public static final String MAX_CONNECTIONS = "1";

    private BacklogDefaults() {
    }
}
