package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.c10klab.harness.flood.CommandSpec;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.Units;
import org.c10klab.server.DurationConverter;

/**
 * The plain-language verdict of a comparison: who answered everything, what failed where and why, and
 * what holding the connections cost in threads, latency and memory. Every sentence is computed from the
 * runs; a sentence whose numbers are missing is left out rather than guessed.
 */
public final class Verdict {

    /** A thread-count ratio below this is the JVM's own threads, not the model's doing: not worth a sentence. */
    private static final double NOTABLE_RATIO = 1.5;

    private Verdict() {
    }

    /** The verdict sentences for {@code runs}, a comparison of {@code plan}. */
    public static List<String> of(ComparePlan plan, List<ModelRun> runs) {
        List<String> lines = new ArrayList<>();
        List<ModelRun> measured = runs.stream().filter(run -> run.summary() != null).toList();
        List<ModelRun> complete = measured.stream().filter(run -> run.summary().answeredEverything()).toList();
        answered(plan, measured, complete, lines);
        for (ModelRun run : measured) {
            if (!run.summary().answeredEverything()) {
                lines.add(failures(plan.flood(), run));
            }
        }
        // Ratios against a model that failed most of its work would flatter nobody: compare those that did it all.
        List<ModelRun> peers = complete.size() >= 2 ? complete : measured;
        threads(plan.flood(), measured, peers, lines);
        latency(plan.flood(), peers, complete.size() >= 2, lines);
        memory(peers, lines);
        conclusion(complete, lines);
        notMeasuredAsAsked(runs, lines);
        return lines;
    }

    private static void answered(ComparePlan plan, List<ModelRun> measured, List<ModelRun> complete,
                                 List<String> lines) {
        if (measured.isEmpty()) {
            lines.add("No model was measured.");
            return;
        }
        if (complete.isEmpty()) {
            lines.add("No model answered every request.");
            return;
        }
        Long planned = plan.requestsPlanned();
        String names = Units.and(names(complete));
        lines.add(planned == null
                ? names + " answered every request " + (complete.size() == 1 ? "it" : "they")
                        + " sent, with no failures."
                : names + " answered all " + planned + " requests from all " + plan.flood().connections()
                        + " connections.");
    }

    private static String failures(FloodConfig flood, ModelRun run) {
        ModelSummary s = run.summary();
        StringBuilder line = new StringBuilder(run.model().cliName()).append(" answered ").append(s.requestsOk())
                .append(" of ").append(s.requestsPlanned() != null ? s.requestsPlanned() + " planned" : s.requestsSent()
                        + " sent").append(" requests");
        List<String> failed = new ArrayList<>();
        s.requestFailures().forEach((outcome, count) -> failed.add(count + " " + outcome));
        s.connectFailures().forEach((outcome, count) -> failed.add(count + " connect " + outcome));
        if (!failed.isEmpty()) {
            line.append(" (").append(String.join(", ", failed)).append(')');
        }
        if (s.requestsPlanned() != null && s.requestsSent() < s.requestsPlanned()) {
            line.append("; ").append(s.requestsPlanned() - s.requestsSent())
                    .append(" were never sent because their connection had already failed");
        }
        List<String> why = reasons(flood, run);
        if (!why.isEmpty()) {
            line.append(": ").append(String.join("; ", why));
        }
        return line.append('.').toString();
    }

    private static List<String> reasons(FloodConfig flood, ModelRun run) {
        ModelSummary s = run.summary();
        List<String> why = new ArrayList<>();
        long served = s.connectsOk() - s.unanswered();
        if (s.unanswered() > 0 && s.peakServerConnections() != null && s.peakServerConnections() <= 1 && served > 0) {
            why.add(String.format(Locale.ROOT, "it never held more than %d connection at a time, and got through "
                    + "%d of them, about %s each, before the clients' %s response timeout", s.peakServerConnections(),
                    served, Units.latency(1000 * s.elapsedSeconds() / served),
                    DurationConverter.format(flood.responseTimeout())));
        }
        if (s.unanswered() > 0) {
            why.add(s.unanswered() + " connections were connected (the kernel completed their handshakes and queued "
                    + "them) but never got a reply: connected is not served");
        }
        long connectTimeouts = s.connectFailures().getOrDefault(Outcome.CONNECT_TIMEOUT.label(), 0L);
        if (connectTimeouts > 0) {
            why.add(connectTimeouts + " connects got no SYN-ACK within " + DurationConverter.format(
                    flood.connectTimeout()) + ", which on loopback means the accept queue"
                    + (run.server() == null ? "" : " (limit " + run.server().backlog() + ")")
                    + " was full and the kernel dropped their SYNs");
        }
        Map<String, Long> errors = run.artifacts().result().requests().details(Outcome.ERROR_REPLY);
        if (!errors.isEmpty()) {
            why.add("the server answered with errors: " + errors.entrySet().stream().limit(2)
                    .map(e -> "'" + e.getKey() + "' x " + e.getValue()).collect(Collectors.joining(", ")));
        }
        long closed = s.requestFailures().getOrDefault(Outcome.CLOSED.label(), 0L);
        if (closed > 0) {
            why.add(closed + " requests were cut off when the server closed the connection before replying");
        }
        if (run.status() == RunStatus.CAPPED || run.status() == RunStatus.INTERRUPTED) {
            why.add("its flood was " + run.detail() + ", so what was still waiting counts as cancelled");
        }
        return why;
    }

    private static void threads(FloodConfig flood, List<ModelRun> measured, List<ModelRun> peers, List<String> lines) {
        List<ModelRun> sampled = measured.stream().filter(run -> run.summary().peakOsThreads() != null).toList();
        List<ModelRun> comparable = peers.stream().filter(run -> run.summary().peakOsThreads() != null).toList();
        if (sampled.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("Peak OS threads: ").append(sampled.stream()
                .map(run -> run.model() + " " + run.summary().peakOsThreads()).collect(Collectors.joining(", ")));
        if (comparable.size() >= 2) {
            ratio(flood, comparable, line);
        }
        lines.add(line.append('.').toString());
        for (ModelRun run : sampled) {
            Long virtual = run.summary().peakVirtualThreads();
            if (virtual != null && virtual > 0) {
                lines.add(run.model() + " ran up to " + virtual + " virtual threads on at most "
                        + run.summary().peakOsThreads() + " OS threads.");
            }
        }
    }

    private static void ratio(FloodConfig flood, List<ModelRun> comparable, StringBuilder line) {
        ModelRun most = max(comparable, run -> (double) run.summary().peakOsThreads());
        ModelRun fewest = min(comparable, run -> (double) run.summary().peakOsThreads());
        ModelSummary top = most.summary();
        if (top.peakOsThreads() >= NOTABLE_RATIO * fewest.summary().peakOsThreads()) {
            line.append(". ").append(most.model()).append(" needed ")
                    .append(Units.ratio((double) top.peakOsThreads() / fewest.summary().peakOsThreads()))
                    .append(" the threads of ").append(fewest.model());
            if (top.osThreadsBefore() != null && top.peakOsThreads() > top.osThreadsBefore()) {
                long added = top.peakOsThreads() - top.osThreadsBefore();
                line.append(String.format(Locale.ROOT, ": it started %d more during the flood, %.2f per connection",
                        added, (double) added / flood.connections()));
            }
        }
    }

    private static void latency(FloodConfig flood, List<ModelRun> runs, boolean onlyComplete, List<String> lines) {
        List<ModelRun> answered = runs.stream().filter(run -> run.summary().requestsOk() > 0).toList();
        if (answered.size() < 2) {
            return;
        }
        ModelRun fastest = min(answered, run -> run.summary().requestP99Ms());
        ModelRun slowest = max(answered, run -> run.summary().requestP99Ms());
        StringBuilder line = new StringBuilder("Request p99")
                .append(onlyComplete ? " among the models that answered everything: " : ": ")
                .append(answered.stream().map(run -> run.model() + " " + Units.latency(run.summary().requestP99Ms()))
                        .collect(Collectors.joining(", ")));
        if (fastest.summary().requestP99Ms() > 0) {
            line.append("; ").append(slowest.model()).append("'s was ")
                    .append(Units.ratio(slowest.summary().requestP99Ms() / fastest.summary().requestP99Ms()))
                    .append(' ').append(fastest.model()).append("'s");
        }
        Long sleep = sleepMillis(flood);
        if (sleep != null) {
            line.append(" (the SLEEP itself takes ").append(sleep).append(" ms)");
        }
        lines.add(line.append('.').toString());
    }

    private static void memory(List<ModelRun> measured, List<String> lines) {
        List<ModelRun> rss = measured.stream().filter(run -> run.summary().peakRssBytes() != null).toList();
        List<ModelRun> cpu = measured.stream().filter(run -> run.summary().cpuSeconds() != null).toList();
        if (rss.size() < 2 || cpu.size() < 2) {
            return;
        }
        ModelRun leanest = min(rss, run -> (double) run.summary().peakRssBytes());
        ModelRun heaviest = max(rss, run -> (double) run.summary().peakRssBytes());
        ModelRun thrifty = min(cpu, run -> run.summary().cpuSeconds());
        ModelRun busy = max(cpu, run -> run.summary().cpuSeconds());
        lines.add(String.format(Locale.ROOT, "Peak RSS ranged from %s MiB (%s) to %s MiB (%s); CPU during the flood "
                        + "from %.2f s (%s) to %.2f s (%s).", Units.mib(leanest.summary().peakRssBytes()),
                leanest.model(), Units.mib(heaviest.summary().peakRssBytes()), heaviest.model(),
                thrifty.summary().cpuSeconds(), thrifty.model(), busy.summary().cpuSeconds(), busy.model()));
    }

    private static void conclusion(List<ModelRun> complete, List<String> lines) {
        List<ModelRun> sampled = complete.stream().filter(run -> run.summary().peakOsThreads() != null).toList();
        if (sampled.size() < 2) {
            return;
        }
        ModelRun leanest = min(sampled, run -> (double) run.summary().peakOsThreads());
        ModelRun fastest = min(sampled, run -> run.summary().requestP99Ms());
        String threads = leanest.summary().peakOsThreads() + " OS threads";
        String p99 = "a p99 of " + Units.latency(fastest.summary().requestP99Ms());
        lines.add(leanest == fastest
                ? "On this machine, for this flood, " + leanest.model() + " answered everything with both the fewest "
                        + "threads (" + threads + ") and the lowest latency (" + p99 + ")."
                : "On this machine, for this flood, " + leanest.model() + " answered everything with the fewest "
                        + "threads (" + threads + "), and " + fastest.model() + " with the lowest latency ("
                        + p99 + ").");
    }

    private static void notMeasuredAsAsked(List<ModelRun> runs, List<String> lines) {
        List<String> skipped = new ArrayList<>();
        for (ModelRun run : runs) {
            switch (run.status()) {
                case SERVER_FAILED, ERROR -> lines.add(run.model() + " could not be measured as asked: "
                        + (run.detail() == null ? "no reason given" : run.detailLine()) + ".");
                case SKIPPED -> skipped.add(run.model().cliName());
                default -> { }
            }
        }
        if (!skipped.isEmpty()) {
            lines.add("Stopped by Ctrl-C before " + Units.and(skipped) + " had "
                    + (skipped.size() == 1 ? "its" : "their") + " turn.");
        }
    }

    /** The SLEEP every request sends, when the flood sends nothing else. */
    private static Long sleepMillis(FloodConfig flood) {
        List<CommandSpec> commands = flood.commands();
        if (commands.size() != 1 || commands.getFirst().words().size() != 2
                || !commands.getFirst().words().getFirst().equalsIgnoreCase("SLEEP")) {
            return null;
        }
        try {
            return Long.parseLong(commands.getFirst().words().get(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> names(List<ModelRun> runs) {
        return runs.stream().map(run -> run.model().cliName()).toList();
    }

    private static ModelRun min(List<ModelRun> runs, Function<ModelRun, Double> value) {
        return runs.stream().min(Comparator.comparing(value)).orElseThrow();
    }

    private static ModelRun max(List<ModelRun> runs, Function<ModelRun, Double> value) {
        return runs.stream().max(Comparator.comparing(value)).orElseThrow();
    }
}
