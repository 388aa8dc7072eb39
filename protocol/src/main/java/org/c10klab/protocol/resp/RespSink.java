package org.c10klab.protocol.resp;

/**
 * Where {@link RespEncoder} writes a reply's bytes: a growable array for the blocking models, a
 * pooled direct buffer for the event-loop model, so neither copies a reply twice.
 */
public interface RespSink {

    void writeByte(int value);

    /** Appends {@code bytes}, which the sink must not keep: they may be a shared pre-encoded reply. */
    void writeBytes(byte[] bytes);
}
