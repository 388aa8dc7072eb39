package org.c10klab.harness.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.c10klab.harness.experiment.CompareDefaults;
import org.c10klab.harness.flood.CommandSpec;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.FloodDefaults;
import org.c10klab.harness.flood.KeyDistribution;
import org.c10klab.harness.flood.KeysAndValues;
import org.c10klab.harness.flood.LoadStages;
import org.c10klab.harness.flood.Protocol;
import org.c10klab.harness.flood.Stage;
import org.c10klab.harness.flood.ValueSize;
import org.c10klab.harness.report.Threshold;
import org.c10klab.server.DurationConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * What a flood does and how it is refereed, as a picocli mixin shared by {@code flood}, {@code compare} and
 * {@code sweep}: everything except where the target is.
 */
public final class FloodOptions {

    @Option(names = {"-c", "--connections"}, paramLabel = "N",
            description = "Connections to open (with --reconnect: concurrent clients) (default: "
                    + FloodDefaults.CONNECTIONS + "; compare and sweep: " + CompareDefaults.CONNECTIONS
                    + "; with --stage ...:connections=N, what the stages say).")
    Integer connections;

    @Option(names = "--ramp", defaultValue = "0", converter = DurationConverter.class, paramLabel = "D",
            description = "Spread the connects evenly over D; 0 opens them all at once, a burst (default: 0).")
    Duration ramp;

    @Option(names = "--connect-rate", defaultValue = "0", paramLabel = "R",
            description = "Open at most R connections per second instead (default: no limit).")
    double connectRate;

    @Option(names = "--connect-timeout", defaultValue = FloodDefaults.CONNECT_TIMEOUT,
            converter = DurationConverter.class, paramLabel = "D",
            description = "How long a connect may take (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--response-timeout", defaultValue = FloodDefaults.RESPONSE_TIMEOUT,
            converter = DurationConverter.class, paramLabel = "D",
            description = "How long a sent request may wait for its reply (default: ${DEFAULT-VALUE}).")
    Duration responseTimeout;

    @Option(names = {"-n", "--requests"}, paramLabel = "K",
            description = "Requests per connection; 0 = only connect (default: 1, or unlimited with --duration; "
                    + "compare and sweep: " + CompareDefaults.REQUESTS + ", or unlimited with --duration).")
    Long requests;

    @Option(names = {"-d", "--duration"}, defaultValue = "0", converter = DurationConverter.class, paramLabel = "D",
            description = "Run for D: connections stay open until then and send requests until then "
                    + "(or until --requests is reached) (default: no time limit).")
    Duration duration;

    @Option(names = "--command", paramLabel = "CMD",
            description = "A RESP command, repeatable, with an optional weight: --command \"GET k:weight=9\" "
                    + "--command \"SET k v:weight=1\" (default: " + FloodDefaults.COMMAND + "; compare and sweep: "
                    + CompareDefaults.COMMAND + ").")
    List<String> commands = new ArrayList<>();

    @Option(names = "--keyspace", defaultValue = "0", paramLabel = "N",
            description = "Keys a __key__ in --command is drawn from, per request: 0 to N-1, zero-padded to one "
                    + "width, e.g. --command \"GET user:__key__\" --keyspace 1000 (default: no keys).")
    int keyspace;

    @Option(names = "--key-distribution", defaultValue = "uniform", paramLabel = "DIST",
            converter = KeyDistributionConverter.class,
            description = "How each key is drawn: uniform; sequential (0, 1, 2, ... across all connections, so N "
                    + "requests touch N keys); zipf[:S], a few hot keys (S default "
                    + KeyDistribution.DEFAULT_ZIPF_EXPONENT + ", as YCSB) (default: ${DEFAULT-VALUE}).")
    KeyDistribution keyDistribution;

    @Option(names = "--value-size", paramLabel = "N|MIN-MAX", converter = ValueSizeConverter.class,
            description = "Bytes a __value__ in --command stands for: N, or drawn per request from MIN-MAX, e.g. "
                    + "--command \"SET __key__ __value__\" --value-size 100-1000.")
    ValueSize valueSize;

    @Option(names = {"-P", "--pipeline"}, defaultValue = FloodDefaults.PIPELINE, paramLabel = "DEPTH",
            description = "Requests in flight per connection (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--think", defaultValue = "0", converter = DurationConverter.class, paramLabel = "T",
            description = "Pause after each reply before the next request (closed model) (default: 0).")
    Duration think;

    @Option(names = "--reconnect",
            description = "A new connection for every request, like a client that connects per call.")
    boolean reconnect;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Open model: R requests per second in total, on a fixed schedule; latency counts from "
                    + "each request's intended send time, so a stalled server cannot hide (default: closed model).")
    double rate;

    @Option(names = "--stage", paramLabel = "D:connections=N|D:rate=R", converter = StageConverter.class,
            description = "A stage of the load shape, repeatable: over D, move the open connections (or the requests "
                    + "per second in total, the open model) in a straight line from the previous stage's value (the "
                    + "first from 0) to N (or R); 0s is a step. E.g. --stage 30s:connections=2000 --stage "
                    + "60s:connections=2000, or --stage 0s:rate=1000 --stage 20s:rate=1000 --stage 0s:rate=5000 "
                    + "--stage 20s:rate=5000. The stages set --duration (their total).")
    List<Stage> stages = new ArrayList<>();

    @Option(names = "--protocol", defaultValue = "resp", paramLabel = "resp|raw", converter = ProtocolConverter.class,
            description = "resp parses replies; raw sends --payload and counts any bytes back as the reply "
                    + "(default: ${DEFAULT-VALUE}).")
    Protocol protocol;

    @Option(names = "--payload", defaultValue = FloodDefaults.PAYLOAD, paramLabel = "TEXT",
            description = "What --protocol raw sends; \\n \\r \\t \\\\ are escapes (default: ${DEFAULT-VALUE}).")
    String payload;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event-loop threads driving the connections (default: min(4, cores)).")
    Integer threads;

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "NAME",
            description = "I/O transport of the flood's client: auto, io_uring, epoll or nio "
                    + "(default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--no-warmup",
            description = "Skip the warm-up against an in-process listener; the first connects then also time "
                    + "the harness's own class loading and compilation.")
    boolean noWarmup;

    @Option(names = "--sample-interval", defaultValue = FloodDefaults.SAMPLE_INTERVAL,
            converter = DurationConverter.class, paramLabel = "D",
            description = "How often to sample the target and the timeline (default: ${DEFAULT-VALUE}; compare and "
                    + "sweep: " + CompareDefaults.SAMPLE_INTERVAL + ").")
    Duration sampleInterval;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "A threshold, repeatable: \"p99<50ms\", \"errors<1%%\", \"connect_timeout=0\", "
                    + "\"connect.p99<=1s\", \"unanswered=0\", \"rps>=1000\". Exit 1 when one fails.")
    List<String> asserts = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No live progress line on stderr.")
    boolean quiet;

    /**
     * Puts compare's and sweep's scenario (a burst of connections each sending a few SLEEPs) in place of
     * flood's defaults, for every option the user did not give.
     */
    void useCompareScenario(ParseResult given) {
        if (!given.hasMatchedOption("--connections") && !connectionStages()) {
            connections = Integer.parseInt(CompareDefaults.CONNECTIONS);
        }
        if (!given.hasMatchedOption("--command") && protocol == Protocol.RESP) {
            commands = List.of(CompareDefaults.COMMAND);
        }
        // With a duration, flood's "unlimited" stands: a few requests and then minutes of idling would mislead.
        if (!given.hasMatchedOption("--requests") && duration.isZero()) {
            requests = CompareDefaults.REQUESTS;
        }
        if (!given.hasMatchedOption("--sample-interval")) {
            sampleInterval = DurationConverter.parse(CompareDefaults.SAMPLE_INTERVAL);
        }
    }

    /**
     * The flood these options describe, aimed at {@code target}.
     *
     * @throws IllegalArgumentException when the options are not a valid flood
     */
    FloodConfig config(String target) {
        LoadStages shape = stages.isEmpty() ? null : new LoadStages(stages);
        // Stages decide the duration, and connection stages the connections; FloodConfig refuses a contradiction.
        Duration runFor = shape != null && duration.isZero() ? shape.total() : duration;
        int clients = connections != null ? connections
                : connectionStages() ? (int) shape.peak() : Integer.parseInt(FloodDefaults.CONNECTIONS);
        long requestsPerConnection = requests != null ? requests
                : runFor.isZero() ? FloodDefaults.REQUESTS : FloodConfig.UNTIL_DEADLINE;
        List<CommandSpec> parsed = new ArrayList<>();
        for (String command : commands.isEmpty() ? List.of(FloodDefaults.COMMAND) : commands) {
            parsed.add(CommandSpec.parse(command));
        }
        if (protocol == Protocol.RAW && !commands.isEmpty()) {
            throw new IllegalArgumentException("--command is for --protocol resp; raw sends --payload");
        }
        return new FloodConfig(target, clients, ramp, connectRate, connectTimeout, responseTimeout,
                requestsPerConnection, runFor, protocol == Protocol.RAW ? List.of() : parsed,
                new KeysAndValues(keyspace, keyDistribution, valueSize, 0), pipeline, think,
                reconnect, rate, stages, protocol, payload, threads == null ? FloodDefaults.threads() : threads,
                transport.toLowerCase(Locale.ROOT), !noWarmup);
    }

    /**
     * The {@code --assert} thresholds.
     *
     * @throws IllegalArgumentException naming the first malformed one
     */
    List<Threshold> thresholds() {
        List<Threshold> thresholds = new ArrayList<>();
        for (String expression : asserts) {
            thresholds.add(Threshold.parse(expression));
        }
        return thresholds;
    }

    private boolean connectionStages() {
        return !stages.isEmpty() && stages.getFirst().quantity() == Stage.Quantity.CONNECTIONS;
    }

    /** Reads {@code DURATION:connections=N} or {@code DURATION:rate=R}. */
    static final class StageConverter extends ParsingConverter<Stage> {
        StageConverter() {
            super(Stage::parse);
        }
    }

    /** Reads {@code uniform}, {@code sequential} or {@code zipf[:S]}. */
    static final class KeyDistributionConverter extends ParsingConverter<KeyDistribution> {
        KeyDistributionConverter() {
            super(KeyDistribution::parse);
        }
    }

    /** Reads {@code N} or {@code MIN-MAX} bytes. */
    static final class ValueSizeConverter extends ParsingConverter<ValueSize> {
        ValueSizeConverter() {
            super(ValueSize::parse);
        }
    }

    /** Reads {@code resp} or {@code raw}, in any case. */
    static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            try {
                return Protocol.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a protocol (expected: resp, raw)");
            }
        }
    }
}
