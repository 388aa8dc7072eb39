package org.c10klab.server.log;

import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.RespValue;
import org.c10klab.server.observe.MeterNames;

/**
 * The access-log lines of one connection, from open to close; {@link #OFF} when the access log is
 * off. Used by one thread at a time: the one serving the connection, or the one refusing it.
 */
public final class ConnectionLog {

    /** A connection the access log does not see: every method returns at once. */
    public static final ConnectionLog OFF = new ConnectionLog(null, 0, null);

    private final AccessLog log;
    private final long id;
    private final String remote;
    private final long openedNanos = System.nanoTime();
    private long requests;

    ConnectionLog(AccessLog log, long id, String remote) {
        this.log = log;
        this.id = id;
        this.remote = remote;
    }

    /**
     * Counts an answered request and, with {@code --access-log-requests}, logs it.
     *
     * @param reportedCommand the command as meters name it ({@code ServerMetrics.reportedCommand}),
     *                        never raw client input
     */
    public void answered(String reportedCommand, RespValue reply, long latencyNanos) {
        if (log == null) {
            return;
        }
        requests++;
        if (log.logsRequests()) {
            log.write(new AccessLine("request").field("conn", id)
                    .field("command", reportedCommand)
                    .field("reply", reply instanceof ErrorReply ? "error" : "ok")
                    .micros("latency_us", latencyNanos));
        }
    }

    /** The server refused or dropped the connection for {@code reason}, one of the {@code MeterNames.REASON_} values. */
    public void rejected(String reason) {
        if (log != null) {
            log.write(new AccessLine("reject").field("conn", id).field("remote", remote).field("reason", reason));
        }
    }

    /** The connection sent something that is not RESP; it is answered and closed. */
    public void protocolError(String why) {
        if (log != null) {
            log.write(new AccessLine("reject").field("conn", id).field("remote", remote)
                    .field("reason", MeterNames.REASON_PROTOCOL_ERROR).quoted("error", String.valueOf(why)));
        }
    }

    /** The connection closed, for any reason; call once. */
    public void closed() {
        if (log != null) {
            log.write(new AccessLine("close").field("conn", id).field("remote", remote)
                    .millis("duration_ms", System.nanoTime() - openedNanos).field("requests", requests));
        }
    }

    long id() {
        return id;
    }

    String remote() {
        return remote;
    }
}
