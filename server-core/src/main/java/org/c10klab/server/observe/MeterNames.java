package org.c10klab.server.observe;

import java.util.List;

/** The meter names and tags both servers publish, so dashboards and the harness read one vocabulary. */
public final class MeterNames {

    /** Tag on every server meter: {@code netty}, {@code serial}, {@code threads}, {@code pool}, {@code virtual}. */
    public static final String TAG_MODEL = "model";
    /** Tag on {@link #CONNECTIONS_REJECTED}: why, e.g. {@code max_clients}, {@code accept_error}. */
    public static final String TAG_REASON = "reason";
    /** Tag on {@link #COMMANDS}: the upper-case command name. */
    public static final String TAG_COMMAND = "command";
    /** Tag on {@link #LOG_DROPPED}: which log, {@link #LOG_ACCESS} or {@link #LOG_SERVER}. */
    public static final String TAG_LOG = "log";

    /** Gauge: connections open now. */
    public static final String CONNECTIONS_ACTIVE = "server.connections.active";
    /** Counter: connections accepted since start. */
    public static final String CONNECTIONS_ACCEPTED = "server.connections.accepted";
    /** Counter: connections refused or closed by the server for a reason, tagged {@link #TAG_REASON}. */
    public static final String CONNECTIONS_REJECTED = "server.connections.rejected";
    /** Gauge: requests read whose reply is not written yet, e.g. a pending SLEEP and the requests queued behind it. */
    public static final String REQUESTS_IN_FLIGHT = "server.requests.in.flight";
    /**
     * Timer, a histogram with the {@link LatencyBuckets}: command execution, including any SLEEP or WORK, tagged
     * {@link #TAG_COMMAND}.
     */
    public static final String COMMANDS = "server.commands";
    /** Counter: requests that were not valid RESP; their connections were closed. */
    public static final String PROTOCOL_ERRORS = "server.protocol.errors";
    /** Gauge: virtual threads alive now (virtual model; the JVM's thread bean does not see them). */
    public static final String THREADS_VIRTUAL = "server.threads.virtual";
    /** Gauge: request bytes all connections hold while their commands arrive, as reserved in the client buffer budget. */
    public static final String CLIENT_BUFFER_BYTES = "server.client.buffer.bytes";
    /** Gauge: the client buffer budget ({@code --max-client-buffer-bytes}); 0 = no limit. */
    public static final String CLIENT_BUFFER_BUDGET_BYTES = "server.client.buffer.budget.bytes";
    /** Counter: GETs that found their key in the store. */
    public static final String STORE_HITS = "server.store.hits";
    /** Counter: GETs that did not find their key in the store. */
    public static final String STORE_MISSES = "server.store.misses";
    /** Counter: entries the store evicted, least recently used first, to stay within its bounds. */
    public static final String STORE_EVICTIONS = "server.store.evictions";
    /** Gauge: keys the store holds now. */
    public static final String STORE_KEYS = "server.store.keys";
    /** Gauge: key plus value bytes the store holds now. */
    public static final String STORE_BYTES = "server.store.bytes";
    /** Counter: log lines dropped because the log's queue was full or closed, tagged {@link #TAG_LOG}. */
    public static final String LOG_DROPPED = "server.log.dropped";

    /** Rejection reason: the connection limit was reached. */
    public static final String REASON_MAX_CLIENTS = "max_clients";
    /** Rejection reason: accept() failed, e.g. EMFILE (too many open files). */
    public static final String REASON_ACCEPT_ERROR = "accept_error";
    /** Rejection reason: the connection sent bytes that were not a valid request. */
    public static final String REASON_PROTOCOL_ERROR = "protocol_error";
    /** Rejection reason: the connection sent nothing for longer than the idle timeout. */
    public static final String REASON_IDLE = "idle_timeout";
    /** Rejection reason: a request had begun but was not complete within the request timeout. */
    public static final String REASON_REQUEST_TIMEOUT = "request_timeout";
    /** Rejection reason: the connection held the largest request buffer when the client buffer budget ran out. */
    public static final String REASON_CLIENT_BUFFER = "client_buffer";

    /** Every rejection reason, for references and dashboards. */
    public static final List<String> REJECTION_REASONS = List.of(REASON_MAX_CLIENTS, REASON_ACCEPT_ERROR,
            REASON_PROTOCOL_ERROR, REASON_IDLE, REASON_REQUEST_TIMEOUT, REASON_CLIENT_BUFFER);

    /** Log name: the access log of one server ({@code --access-log}). */
    public static final String LOG_ACCESS = "access";
    /** Log name: the process's server events, to stderr or {@code --log-file}; every server in a JVM shares it. */
    public static final String LOG_SERVER = "server";

    private MeterNames() {
    }
}
