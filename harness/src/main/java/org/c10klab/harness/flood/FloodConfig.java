package org.c10klab.harness.flood;

import java.time.Duration;
import java.util.List;
import org.c10klab.server.DurationConverter;

/**
 * What a flood does: its shape (how many connections, how fast they open), its workload (what each
 * connection sends, how often), and its patience (timeouts). Plain data, written into results.json.
 *
 * @param target                the target as given, {@code HOST:PORT}
 * @param connections           client connections (or, with {@code reconnect}, concurrent clients)
 * @param ramp                  spread the connects evenly over this long; zero = all at once
 * @param connectRatePerSecond  open at most this many connections per second; 0 = no limit
 * @param connectTimeout        how long a connect may take before it counts as {@code connect_timeout}
 * @param responseTimeout       how long a sent request may wait before it counts as {@code response_timeout}
 * @param requestsPerConnection requests per connection; 0 = connect only; {@link #UNTIL_DEADLINE} = until the duration
 * @param duration              stop issuing requests after this long; zero = no time limit
 * @param commands              the weighted RESP commands ({@code protocol} resp)
 * @param keysAndValues         what the commands' {@code __key__} and {@code __value__} placeholders stand for
 * @param pipeline              requests in flight per connection
 * @param think                 pause after each reply before the next request
 * @param reconnect             a new connection for every request, like a client that connects per call
 * @param ratePerSecond         open model: total requests per second on a fixed schedule; 0 = closed model
 * @param stages                a load shape instead: connections or the rate moving stage by stage; empty = none.
 *                              Connection stages set {@code connections} to their peak, both set {@code duration}
 *                              to their total
 * @param protocol              resp or raw
 * @param payload               the raw payload as typed, with {@code \n}, {@code \r}, {@code \t}, {@code \\} escapes
 * @param threads               event-loop threads driving the connections
 * @param transport             the I/O transport asked for: auto, io_uring, epoll or nio
 * @param warmup                run the client's code path against an in-process listener first, so the
 *                              measured flood does not pay for class loading and first compilation
 */
public record FloodConfig(
        String target,
        int connections,
        Duration ramp,
        double connectRatePerSecond,
        Duration connectTimeout,
        Duration responseTimeout,
        long requestsPerConnection,
        Duration duration,
        List<CommandSpec> commands,
        KeysAndValues keysAndValues,
        int pipeline,
        Duration think,
        boolean reconnect,
        double ratePerSecond,
        List<Stage> stages,
        Protocol protocol,
        String payload,
        int threads,
        String transport,
        boolean warmup) {

    /** {@link #requestsPerConnection} value: keep sending until the duration is over. */
    public static final long UNTIL_DEADLINE = -1;

    public FloodConfig {
        commands = List.copyOf(commands);
        stages = List.copyOf(stages);
        require(connections >= 1, "connections: " + connections + " (expected: >= 1)");
        require(!ramp.isNegative(), "ramp: " + ramp + " (expected: >= 0)");
        require(connectRatePerSecond >= 0, "connect rate: " + connectRatePerSecond + " (expected: >= 0)");
        require(ramp.isZero() || connectRatePerSecond == 0, "give --ramp or --connect-rate, not both");
        require(connectTimeout.toMillis() >= 1, "connect timeout: " + connectTimeout + " (expected: >= 1ms)");
        require(responseTimeout.toMillis() >= 1, "response timeout: " + responseTimeout + " (expected: >= 1ms)");
        require(!duration.isNegative(), "duration: " + duration + " (expected: >= 0)");
        require(requestsPerConnection >= 0 || (requestsPerConnection == UNTIL_DEADLINE && !duration.isZero()),
                "requests: " + requestsPerConnection + " (expected: >= 0, or unlimited with a duration)");
        require(pipeline >= 1, "pipeline: " + pipeline + " (expected: >= 1)");
        require(!think.isNegative(), "think: " + think + " (expected: >= 0)");
        require(ratePerSecond >= 0, "rate: " + ratePerSecond + " (expected: >= 0)");
        require(!(reconnect && pipeline > 1), "--reconnect sends one request per connection; it cannot pipeline");
        // Raw replies have no framing: with two requests in flight, nobody can tell whose bytes came back.
        require(!(protocol == Protocol.RAW && pipeline > 1),
                "--protocol raw cannot pipeline: raw replies have no framing");
        require(protocol != Protocol.RESP || !commands.isEmpty(), "--protocol resp needs at least one --command");
        requireStagesFit(stages, connections, ramp, connectRatePerSecond, duration, ratePerSecond);
        boolean open = ratePerSecond > 0 || rateStages(stages);
        require(!(open && !think.isZero()), "--think is for the closed model; --rate already sets the pace");
        require(!(open && requestsPerConnection == 0), "--rate needs requests to send (--requests >= 1)");
        require(threads >= 1, "threads: " + threads + " (expected: >= 1)");
        requirePlaceholdersMatch(commands, keysAndValues);
    }

    /** The same flood aimed at {@code newTarget}, e.g. a server that was started on an ephemeral port. */
    public FloodConfig withTarget(String newTarget) {
        return new FloodConfig(newTarget, connections, ramp, connectRatePerSecond, connectTimeout, responseTimeout,
                requestsPerConnection, duration, commands, keysAndValues, pipeline, think, reconnect, ratePerSecond,
                stages, protocol, payload, threads, transport, warmup);
    }

    /** True for the open model: requests leave on a schedule, whether or not earlier ones were answered. */
    public boolean openModel() {
        return ratePerSecond > 0 || rateStages(stages);
    }

    /** The stages as one load shape, or null without stages. */
    public LoadStages loadStages() {
        return stages.isEmpty() ? null : new LoadStages(stages);
    }

    /** The workload these settings describe. */
    public Workload workload() {
        return protocol == Protocol.RAW ? Workload.raw(PayloadText.decode(payload))
                : Workload.resp(commands, keysAndValues);
    }

    private static boolean rateStages(List<Stage> stages) {
        return !stages.isEmpty() && stages.getFirst().quantity() == Stage.Quantity.RATE;
    }

    // Stages set the connections or the rate, and the duration: another option setting them would contradict them.
    private static void requireStagesFit(List<Stage> stages, int connections, Duration ramp, double connectRate,
                                         Duration duration, double ratePerSecond) {
        if (stages.isEmpty()) {
            return;
        }
        LoadStages shape = new LoadStages(stages);
        require(duration.equals(shape.total()), "--stage sets the duration (" + DurationConverter.format(shape.total())
                + " in total); do not give --duration as well");
        require(ratePerSecond == 0, "--stage sets the load; do not give --rate as well");
        if (shape.quantity() == Stage.Quantity.CONNECTIONS) {
            require(connections == (int) shape.peak(), "--stage ...:connections=N sets the connections; do not give "
                    + "--connections as well");
            require(shape.peak() >= 1, "--stage: connections stay at 0 (expected a stage with connections >= 1)");
            require(ramp.isZero() && connectRate == 0,
                    "--stage ...:connections=N ramps the connections; do not give --ramp or --connect-rate as well");
        } else {
            require(shape.peak() > 0, "--stage: the rate stays at 0 (expected a stage with rate > 0)");
        }
    }

    // An option without its placeholder, or a placeholder without its option, is a mistake worth stopping for.
    private static void requirePlaceholdersMatch(List<CommandSpec> commands, KeysAndValues keysAndValues) {
        boolean keys = commands.stream().anyMatch(command -> command.text().contains(KeysAndValues.KEY));
        boolean values = commands.stream().anyMatch(command -> command.text().contains(KeysAndValues.VALUE));
        require(!keys || keysAndValues.keyspace() > 0,
                "--command uses " + KeysAndValues.KEY + ": give --keyspace N, the number of keys to draw from");
        require(keys || keysAndValues.keyspace() == 0,
                "--keyspace " + keysAndValues.keyspace() + ": no --command has a " + KeysAndValues.KEY
                        + " to fill (e.g. --command \"GET " + KeysAndValues.KEY + "\")");
        require(!values || keysAndValues.valueSize() != null,
                "--command uses " + KeysAndValues.VALUE + ": give --value-size N or MIN-MAX bytes");
        require(values || keysAndValues.valueSize() == null,
                "--value-size " + keysAndValues.valueSize() + ": no --command has a " + KeysAndValues.VALUE
                        + " to fill (e.g. --command \"SET " + KeysAndValues.KEY + " " + KeysAndValues.VALUE + "\")");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
