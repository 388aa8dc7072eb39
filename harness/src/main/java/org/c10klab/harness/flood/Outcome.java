package org.c10klab.harness.flood;

/**
 * How one connection attempt or one request ended; attempts and requests are counted apart, never
 * merged, so "connected" is never mistaken for "served" (DESIGN section 5).
 */
public enum Outcome {
    /** Connected, or a request answered with a non-error reply. */
    OK("ok"),
    /** ECONNREFUSED: nothing listens on that port. */
    REFUSED("refused"),
    /** No SYN-ACK within the connect timeout. */
    CONNECT_TIMEOUT("connect_timeout"),
    /** ECONNRESET: the peer sent RST. */
    RESET("reset"),
    /** EOF before the reply arrived. */
    CLOSED("closed"),
    /** Connected and sent, but no reply within the response timeout. */
    RESPONSE_TIMEOUT("response_timeout"),
    /** A RESP error reply ({@code -ERR ...}); the detail is its message. */
    ERROR_REPLY("error_reply"),
    /** Reply bytes that are not valid RESP. */
    PROTOCOL_ERROR("protocol_error"),
    /** Our own limits (open files, ephemeral ports) failed the attempt, not the server. */
    LOCAL_LIMIT("local_limit"),
    /** The run was stopped (Ctrl-C) while this was in flight. */
    CANCELLED("cancelled"),
    /** Anything else; the detail is the exception class. */
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name in reports, metrics tags and thresholds, e.g. {@code connect_timeout}. */
    public String label() {
        return label;
    }

    /** True for {@link #OK} only: an error reply is an answer, but not a success. */
    public boolean isSuccess() {
        return this == OK;
    }

    /**
     * True when a connection attempt can end this way: every outcome but those only a reply, or its absence,
     * can give. The harness publishes a connect-phase series only for these.
     */
    public boolean canEndAttempt() {
        return this != RESPONSE_TIMEOUT && this != ERROR_REPLY && this != PROTOCOL_ERROR;
    }

    /**
     * True when a sent request can end this way: every outcome but {@link #REFUSED}, which only a connect
     * hears. (A connection already up can still time out in the kernel, ETIMEDOUT, read as connect_timeout.)
     */
    public boolean canEndRequest() {
        return this != REFUSED;
    }

    /** The outcome with this label. */
    public static Outcome fromLabel(String label) {
        for (Outcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + label + "' (expected one of " + labels() + ")");
    }

    /** Every label, comma-separated, for help and error texts. */
    public static String labels() {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : values()) {
            text.append(text.isEmpty() ? "" : ", ").append(outcome.label);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return label;
    }
}
