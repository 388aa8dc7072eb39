package org.c10klab.harness.flood;

/** What the flood speaks on each connection. */
public enum Protocol {
    /** RESP2 commands; replies are parsed, so error replies and garbage are told apart. */
    RESP,
    /** A fixed payload; any bytes back before the response timeout count as the reply. */
    RAW;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
