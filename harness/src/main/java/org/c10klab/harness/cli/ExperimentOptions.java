package org.c10klab.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.c10klab.harness.experiment.CompareDefaults;
import org.c10klab.harness.experiment.ComparePlan;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.LiveTargets;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.experiment.ServerWarmup;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.report.OutputFolder;
import org.c10klab.server.DurationConverter;
import org.c10klab.server.transport.TransportSelection;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What {@code compare} and {@code sweep} take besides the flood, as a picocli mixin: which models, how many
 * trials of each, their server options, serial's cap, and where the results go.
 */
public final class ExperimentOptions {

    /** The transports netty accepts; whether one is available here is the server's to say. */
    private static final Set<String> SERVER_TRANSPORTS = Set.of(TransportSelection.AUTO, "io_uring", "epoll", "nio");

    @Option(names = "--models", split = ",", paramLabel = "MODEL", converter = ModelConverter.class,
            description = "Models to run, in this order: netty, virtual, threads, pool, serial (default: all five). "
                    + "A model named twice runs as two (netty#1, netty#2): an A/A check of what noise looks like here.")
    List<LabModel> models = new ArrayList<>();

    @Option(names = "--repeat", defaultValue = "" + CompareDefaults.REPEAT, paramLabel = "N",
            description = "Trials per model, each in a fresh server JVM, in interleaved rounds (every model once per "
                    + "round) so the machine's drift hits all alike. A difference is claimed only where it holds "
                    + "over the trials; with 1, none is (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--pool-size", defaultValue = "" + CompareDefaults.POOL_SIZE, paramLabel = "N",
            description = "Platform threads of the pool model; a connection waits for one as long as its client waits "
                    + "for a reply (--response-timeout) (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--backlog", paramLabel = "N",
            description = "listen() backlog of every server (default: the servers' own, net.core.somaxconn).")
    Integer backlog;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "netty's event-loop threads (default: netty's own, 1).")
    Integer ioThreads;

    @Option(names = "--carriers", paramLabel = "N",
            description = "virtual's carrier threads, which run all its virtual threads (default: virtual's own, 1).")
    Integer carriers;

    @Option(names = "--server-transport", paramLabel = "NAME",
            description = "netty's transport: auto, io_uring, epoll or nio (default: auto).")
    String serverTransport;

    @Option(names = "--store-max-entries", paramLabel = "N",
            description = "Keys each server's LRU store holds before it evicts (default: the servers' own, 100000); "
                    + "with GETs over --keyspace keys, the sweep's GET hit ratio shows what it leaves.")
    Integer storeMaxEntries;

    @Option(names = "--server-arg", paramLabel = "MODEL:ARG",
            description = "Pass ARG to the servers of MODEL (netty, virtual, threads, pool, serial, or all), after the "
                    + "options above; repeatable, one word each: --server-arg netty:--max-connections=5 "
                    + "--server-arg all:--backlog=16. Checked against the server's options before anything runs, and "
                    + "recorded in the results.")
    List<String> passThrough = new ArrayList<>();

    @Option(names = "--serial-cap", defaultValue = CompareDefaults.SERIAL_CAP, converter = DurationConverter.class,
            paramLabel = "D",
            description = "Stop serial's flood after D: it serves one connection at a time, so a big flood could take "
                    + "minutes; what still waits then counts as cancelled. 0 = no cap (default: ${DEFAULT-VALUE}).")
    Duration serialCap;

    @Option(names = "--no-server-warmup",
            description = "Skip the short unmeasured flood each server gets before the measured one; the first "
                    + "requests then also time the server's class loading and first compilation.")
    boolean noServerWarmup;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write every result here (default: results/<command>-<date>-<time>).")
    Path out;

    @Option(names = "--prometheus-sd", paramLabel = "FILE",
            description = "While each trial's measured flood runs, list its server's /metrics and the harness's "
                    + "own (the flood's meters) in FILE for Prometheus's file-based service discovery "
                    + "(file_sd_configs, as deploy/prometheus/prometheus.yml reads it), labelled model and trial.")
    Path prometheusSd;

    /**
     * The plan for {@code flood} against the chosen models with these server options.
     *
     * @throws IllegalArgumentException when an option is out of range
     */
    ComparePlan plan(FloodConfig flood, Duration sampleInterval) {
        require(poolSize >= 1, "--pool-size: " + poolSize + " (expected: >= 1)");
        require(backlog == null || backlog >= 1, "--backlog: " + backlog + " (expected: >= 1)");
        require(ioThreads == null || ioThreads >= 1, "--io-threads: " + ioThreads + " (expected: >= 1)");
        require(carriers == null || carriers >= 1, "--carriers: " + carriers + " (expected: >= 1)");
        require(storeMaxEntries == null || storeMaxEntries >= 1,
                "--store-max-entries: " + storeMaxEntries + " (expected: >= 1)");
        require(serverTransport == null || SERVER_TRANSPORTS.contains(serverTransport),
                "--server-transport: '" + serverTransport + "' (expected one of: auto, io_uring, epoll, nio)");
        require(!serialCap.isNegative(), "--serial-cap: " + serialCap + " (expected: >= 0)");
        require(repeat >= 1, "--repeat: " + repeat + " (expected: >= 1)");
        List<ServerArgument> passed = passThrough.stream().map(ServerArgument::parse).toList();
        List<LabModel> chosen = models.isEmpty() ? List.of(LabModel.values()) : models;
        List<String> labels = ModelSetup.labels(chosen);
        List<ModelSetup> setups = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            List<String> args = serverArgs(chosen.get(i), flood);
            args.addAll(ServerArgument.argsFor(chosen.get(i), passed));
            requireServerAccepts(chosen.get(i), args);
            setups.add(new ModelSetup(labels.get(i), chosen.get(i), args));
        }
        return new ComparePlan(setups, repeat, flood, noServerWarmup ? null : ServerWarmup.before(flood),
                sampleInterval, serialCap);
    }

    /**
     * Where results go: {@code --out}, or a new timestamped folder under {@code results/}.
     *
     * @throws IllegalArgumentException when {@code --out} names a file
     */
    Path outDirectory(String command) {
        OutputFolder.requireUsable(out);
        return out != null ? out : OutputFolder.timestamped(command);
    }

    /**
     * What publishes the trials for Prometheus, or null without {@code --prometheus-sd}; the caller closes it.
     *
     * @throws IllegalArgumentException when the file cannot be written
     */
    LiveTargets liveTargets() {
        if (prometheusSd == null) {
            return null;
        }
        try {
            return new LiveTargets(prometheusSd);
        } catch (IOException e) {
            throw new IllegalArgumentException("--prometheus-sd: cannot write " + prometheusSd + ": "
                    + e.getMessage(), e);
        }
    }

    private List<String> serverArgs(LabModel model, FloodConfig flood) {
        List<String> args = new ArrayList<>();
        if (backlog != null) {
            args.addAll(List.of("--backlog", backlog.toString()));
        }
        if (storeMaxEntries != null) {
            args.addAll(List.of("--store-max-entries", storeMaxEntries.toString()));
        }
        if (model == LabModel.NETTY && ioThreads != null) {
            args.addAll(List.of("--io-threads", ioThreads.toString()));
        }
        if (model == LabModel.VIRTUAL && carriers != null) {
            args.addAll(List.of("--carriers", carriers.toString()));
        }
        if (model == LabModel.NETTY && serverTransport != null) {
            args.addAll(List.of("--transport", serverTransport));
        }
        if (model == LabModel.POOL) {
            // The pool's own default (1 s) would turn a burst away with errors; the client waits this long anyway.
            args.addAll(List.of("--pool-size", Integer.toString(poolSize),
                    "--admission-timeout", DurationConverter.format(flood.responseTimeout())));
        }
        return args;
    }

    /** Parses the server's command line as the child will, so a bad --server-arg stops the run before it starts. */
    private static void requireServerAccepts(LabModel model, List<String> args) {
        List<String> command = new ArrayList<>(List.of("server"));
        command.addAll(model.serverArgs());
        command.addAll(args);
        try {
            C10k.commandLine().parseArgs(command.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("--server-arg for " + model.cliName() + ": "
                    + UsageErrorHandler.message(e));
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Reads a model name as users type it, e.g. {@code netty}. */
    static final class ModelConverter extends ParsingConverter<LabModel> {
        ModelConverter() {
            super(LabModel::fromCliName);
        }
    }
}
