package org.c10klab.harness.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.experiment.LabCell;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.LabPlan;
import org.c10klab.harness.experiment.LabResult;
import org.c10klab.harness.experiment.LabRun;
import org.c10klab.harness.experiment.SynRetransmits;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.stats.Spread;
import org.c10klab.server.DurationConverter;

/**
 * The lab's answers as Markdown, printed on stdout and written to lab.md; the sections are the lab's
 * questions, and every sentence is computed from what the trials measured, each figure with its spread.
 */
public final class LabReport {

    /** Stage 2 as DESIGN section 5 reports it measured, for a slower and a faster burst. */
    private static final String STAGE_2_REFERENCE = "a plain blocking client's slower burst gave 1 served, 2 connected "
            + "but unanswered and 7 connect timeouts; a faster burst gave 3, 3, 10 and 5 connected in four runs";
    /** A thread count that rose by no more than this under a burst is called flat: pools and timers start lazily. */
    private static final long FLAT_THREADS = 10;
    private static final double MIB = 1024.0 * 1024.0;
    private static final String NOT_RUN = "Not measured on this run: ";

    private LabReport() {
    }

    /** The whole report. */
    public static String markdown(LabResult result) {
        StringBuilder text = new StringBuilder("# c10k lab: backlog and concurrency, measured on this machine\n\n");
        text.append(machine(result.host(), result.plan(), result.repeat())).append("\n\n");
        if (result.partial()) {
            text.append("PARTIAL: stopped by Ctrl-C after ").append(Plural.of(result.trials(), "trial")).append(".\n\n");
        }
        text.append("## 1. Backlog and refused connections\n\n");
        result.stage(1).forEach(cell -> text.append(sequential(cell)));
        result.stage(2).forEach(cell -> text.append(nervous(cell, result.plan())));
        if (result.stage(1).isEmpty() && result.stage(2).isEmpty()) {
            text.append(NOT_RUN).append("stages 1 and 2 did not run.\n\n");
        }
        text.append("## 2. Resource cost of threads vs the event loop\n\n").append(resources(result));
        text.append("## 3. The ").append(result.plan().challengeClients()).append("-connection challenge\n\n")
                .append(challenge(result));
        return text.toString();
    }

    private static String machine(Environment host, LabPlan plan, int repeat) {
        String text = String.format(Locale.ROOT, "Linux %s, %d cores, Java %s. net.core.somaxconn %s, "
                + "net.ipv4.tcp_abort_on_overflow %s, net.ipv4.tcp_syn_linear_timeouts %s. Every server ran in its "
                + "own JVM; its threads, memory and CPU were sampled from /proc every %s. ", host.kernel(),
                host.cores(), host.jdk(), shown(host.somaxconn()), shown(host.tcpAbortOnOverflow()),
                shown(host.tcpSynLinearTimeouts()), DurationConverter.format(plan.sampleInterval()));
        text += repeat == 1
                ? "Every run was tried once: one trial is an anecdote, run --repeat 3 to see the spread."
                : "Every run was tried " + repeat + " times in interleaved rounds (every run once, then every run "
                        + "again), each trial with a fresh server; a figure is shown as median [min-max] over the "
                        + "trials, a count as min-max (median).";
        return plan.shortened()
                ? text + " --quick: every sleep and timeout is a fifth of the lab's (SLEEP " + format(plan.sleep())
                        + " instead of 10s)."
                : text;
    }

    private static String sequential(LabCell cell) {
        LabRun first = cell.first();
        double sleep = first.sleep().toMillis() / 1000.0;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "### Stage 1: a serial server and %d "
                + "clients%n%n%d clients connect at once and each sends SLEEP %s; the serial server serves one "
                + "connection at a time.%n%n", cell.clients(), cell.clients(), format(first.sleep())));
        MarkdownTable table = new MarkdownTable("reply", "answered after (s)", "of which waiting for others (s)");
        int replies = cell.runs().stream().mapToInt(run -> run.waitSeconds().size()).max().orElse(0);
        for (int i = 0; i < replies; i++) {
            int reply = i;
            Function<LabRun, Double> wait = run -> reply < run.waitSeconds().size() ? run.waitSeconds().get(reply)
                    : null;
            table.row(i + 1, fixed(cell.spread(wait), 2),
                    fixed(cell.spread(run -> wait.apply(run) == null ? null : Math.max(0, wait.apply(run) - sleep)),
                            2));
        }
        text.append(table.render()).append('\n');
        List<LabRun> notSequential = cell.runs().stream().filter(run -> !sequential(run, sleep)).toList();
        if (notSequential.isEmpty()) {
            double slowestConnect = cell.runs().stream().flatMap(run -> run.connectSeconds().stream())
                    .mapToDouble(Double::doubleValue).max().orElse(0);
            text.append(String.format(Locale.ROOT, "Strictly sequential in %s: reply k came after about k x %s, so "
                    + "each client waited for every client before it. All %d connected within %.0f ms: the kernel "
                    + "completes the handshake and queues the connection; the server only accept()s it when it is "
                    + "done with the previous one.%n%n", every(cell), format(first.sleep()), cell.clients(),
                    slowestConnect * 1000));
        } else {
            for (LabRun run : notSequential) {
                text.append(String.format(Locale.ROOT, "Not strictly sequential in trial %d: %d of %d answered, after "
                        + "%s s (expected about k x %s).%n", run.trial(), run.waitSeconds().size(), run.clients(),
                        run.waitSeconds().stream().map(w -> fixed(w, 2)).collect(Collectors.joining(", ")),
                        format(run.sleep())));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Every reply k came after about k sleeps. */
    private static boolean sequential(LabRun run, double sleep) {
        List<Double> waits = run.waitSeconds();
        boolean sequential = waits.size() == run.clients();
        for (int i = 0; i < waits.size(); i++) {
            sequential &= Math.abs(waits.get(i) - (i + 1) * sleep) < sleep / 2;
        }
        return sequential;
    }

    private static String nervous(LabCell cell, LabPlan plan) {
        LabRun first = cell.first();
        Environment kernel = first.flood().environment();
        int capacity = first.effectiveBacklog() + 1;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "### Stage 2: a serial server with "
                + "backlog %d and SLEEP %s, hit by %d nervous clients%n%nThe clients start %s apart, give up "
                + "connecting after %s and waiting for a reply after %s.%n%n", cell.requestedBacklog(),
                format(first.sleep()), cell.clients(), format(plan.nervousSpacing()), format(plan.connectTimeout()),
                format(plan.responseTimeout())));
        text.append(trials(cell)).append(": ").append(OutcomeSpread.line(cell.handshakeTrials())).append(".\n\n");
        MarkdownTable table = new MarkdownTable("trial", "served", "connected", "connected, unanswered",
                "connect_timeout", "reset", "refused", "other", "TcpExtListenOverflows", "not queued");
        for (LabRun run : cell.runs()) {
            var clients = run.outcomes();
            HandshakeEvidence evidence = run.handshakes();
            table.row(run.trial(), clients.ok(), run.connected(), clients.connectedUnanswered(),
                    clients.connectTimeout(), clients.reset(), clients.refused(), clients.other(),
                    run.flood().listenQueue() == null ? "?" : "+" + run.flood().listenQueue().listenOverflows(),
                    evidence == null || evidence.samples() == 0 ? "?" : evidence.notQueuedPeak());
        }
        text.append(table.render()).append('\n');
        text.append("`not queued`: the most clients seen ESTABLISHED, connected as far as they knew, while the "
                + "server's kernel had not put them in its accept queue (read from /proc/net/tcp during the "
                + "trial).\n\n");
        text.append("Why, in kernel terms:\n\n");
        Function<LabRun, Long> atOnce = run -> run.connectSeconds().stream()
                .filter(s -> s < SynRetransmits.AT_ONCE_SECONDS).count();
        text.append(String.format(Locale.ROOT, "- listen(%d) gave an accept queue of min(%d, somaxconn %s) + 1 = %d "
                + "connections, and the serial server holds 1 more while it sleeps: room for %d clients. %s "
                + "connected at once.%n", cell.requestedBacklog(), cell.requestedBacklog(), shown(kernel.somaxconn()),
                capacity, capacity + 1, CountSpread.of(cell.spread(atOnce))));
        Spread served = cell.spread(LabRun::served);
        if (served.max() > 0) {
            text.append(String.format(Locale.ROOT, "- %s served: the connection the server accepted first, "
                    + "answered after %s s.%n", CountSpread.of(served),
                    fixed(cell.spread(run -> run.waitSeconds().isEmpty() ? null : run.waitSeconds().getFirst()), 1)));
        }
        Spread late = cell.spread(run -> run.connected() - atOnce.apply(run));
        if (late.max() > 0) {
            TreeSet<String> times = new TreeSet<>();
            cell.runs().forEach(run -> run.connectSeconds().stream().filter(s -> s >= SynRetransmits.AT_ONCE_SECONDS)
                    .forEach(s -> times.add(fixed(s, 1))));
            text.append(String.format(Locale.ROOT, "- %s connected only after their SYN was retried (at %s s): the "
                    + "first SYN met the full queue and was dropped; a retried SYN that finds room in the queue is "
                    + "answered, and a final ACK that then meets a full queue is dropped (tcp_abort_on_overflow=%s), "
                    + "so such a client believes it is connected while the server may never learn of it.%n",
                    CountSpread.of(late), String.join(", ", times), shown(kernel.tcpAbortOnOverflow())));
        }
        Spread unanswered = cell.spread(run -> run.outcomes().connectedUnanswered());
        if (unanswered.max() > 0) {
            text.append(String.format(Locale.ROOT, "- %s connected but unanswered: a serial server accepts the next "
                    + "connection only after %s, and their %s of patience ran out first, whether they waited in the "
                    + "accept queue or were never queued at all. Connected is not accepted: only a reply proves it.%n",
                    CountSpread.of(unanswered), format(first.sleep()), format(plan.responseTimeout())));
        }
        Spread timeouts = cell.spread(run -> run.outcomes().connectTimeout());
        if (timeouts.max() > 0) {
            text.append(String.format(Locale.ROOT, "- %s connect timeouts: their SYNs met a full accept queue and the "
                    + "kernel dropped them silently (no SYN-ACK, no RST). Each client resent its SYN after about 1 s, "
                    + "into a queue still full (the server frees a place only after %s), until its %s connect "
                    + "timeout expired. TcpExtListenOverflows counts every dropped SYN, retransmits included (and "
                    + "other programs on this host too).%n", CountSpread.of(timeouts), format(first.sleep()),
                    format(plan.connectTimeout())));
        }
        List<String> evidence = HandshakeExplanation.explain(cell.handshakeTrials());
        if (!evidence.isEmpty()) {
            text.append("- The kernel's evidence, read while each trial ran (the server port's sockets from "
                    + "/proc/net/tcp and tcp6 every ").append(format(plan.sampleInterval()))
                    .append(", the TcpExt counters around it):\n");
            evidence.forEach(sentence -> text.append("  - ").append(sentence).append('\n'));
        }
        Spread reset = cell.spread(run -> run.outcomes().reset());
        if (reset.max() > 0) {
            text.append(String.format(Locale.ROOT, "- %s reset: with tcp_abort_on_overflow=%s the kernel answers a "
                    + "handshake that completes into a full queue with RST.%n", CountSpread.of(reset),
                    shown(kernel.tcpAbortOnOverflow())));
        }
        Spread refused = cell.spread(run -> run.outcomes().refused());
        text.append(refused.max() == 0
                ? "- Nobody was refused: on Linux ECONNREFUSED means nothing listens on the port; a full backlog "
                        + "drops, it does not refuse.\n"
                : "- " + CountSpread.of(refused) + " refused: nothing listened on the port at that moment.\n");
        if (!plan.shortened()) {
            text.append("- Reference (DESIGN section 5, measured earlier on this kind of machine): ")
                    .append(STAGE_2_REFERENCE).append(".\n");
        }
        return text.append('\n').toString();
    }

    private static String resources(LabResult result) {
        List<LabCell> cells = new ArrayList<>(result.stage(3));
        cells.addAll(result.stage(4));
        cells.addAll(result.stage(5));
        if (cells.isEmpty()) {
            return NOT_RUN + "stages 3 to 5 did not run.\n\n";
        }
        MarkdownTable table = new MarkdownTable("stage", "model", "clients", "served", "OS threads before", "peak",
                "JVM threads peak", "virtual peak", "RSS MiB before", "peak", "CPU s");
        for (LabCell cell : cells) {
            table.row(cell.stage(), cell.model(), cell.clients(), fixed(cell.spread(LabRun::served), 0),
                    threads(cell, LabRun::first), threads(cell, LabRun::peak),
                    fixed(cell.spread(run -> run.peak().platformThreads()), 0),
                    cell.first().peak().virtualThreads() == null ? "-"
                            : fixed(cell.spread(run -> run.peak().virtualThreads()), 0),
                    fixed(cell.spread(run -> mib(run.first().rssBytes())), 1),
                    fixed(cell.spread(run -> mib(run.peak().rssBytes())), 1),
                    fixed(cell.spread(LabRun::cpuSeconds), 2));
        }
        StringBuilder text = new StringBuilder(table.render()).append('\n');
        for (LabCell cell : result.stage(3)) {
            text.append(String.format(Locale.ROOT, "- Stage 3, thread per connection: %s of %d served; OS threads "
                    + "%s -> %s (+%s) and at most %s live JVM platform threads: a thread is born for every "
                    + "connection and sleeps with it.%n", CountSpread.of(cell.spread(LabRun::served)), cell.clients(),
                    threads(cell, LabRun::first), threads(cell, LabRun::peak),
                    fixed(cell.spread(LabRun::threadRise), 0),
                    fixed(cell.spread(run -> run.peak().platformThreads()), 0)));
        }
        for (LabCell cell : result.stage(4)) {
            text.append(String.format(Locale.ROOT, "- Stage 4, event loop: %s of %d served; OS threads %s -> %s "
                    + "(+%s)%s: each waiting connection is a channel and its SLEEP a timer on the loop.%n",
                    CountSpread.of(cell.spread(LabRun::served)), cell.clients(),
                    threads(cell, LabRun::first), threads(cell, LabRun::peak),
                    fixed(cell.spread(LabRun::threadRise), 0),
                    cell.always(LabReport::flat) ? ", flat" : ", not flat in every trial"));
        }
        List<LabCell> challenge = result.stage(5);
        if (!challenge.isEmpty()) {
            text.append(costs(challenge, result.plan().challengeClients()));
        }
        return text.append('\n').toString();
    }

    private static String challenge(LabResult result) {
        List<LabCell> cells = result.stage(5);
        if (cells.isEmpty()) {
            return NOT_RUN + "stage 5 did not run.\n";
        }
        MarkdownTable table = new MarkdownTable("model", "served", "failed how", "reply p50 (s)", "reply max (s)",
                "connect p99 (ms)", "OS threads peak", "RSS peak MiB");
        for (LabCell cell : cells) {
            table.row(cell.model(), fixed(cell.spread(LabRun::served), 0) + " of " + cell.clients(),
                    failures(cell),
                    fixed(cell.spread(run -> run.flood().requestLatency().p50Ms() / 1000), 2),
                    fixed(cell.spread(run -> run.flood().requestLatency().maxMs() / 1000), 2),
                    fixed(cell.spread(run -> run.flood().connectLatency().p99Ms()), 1),
                    threads(cell, LabRun::peak), fixed(cell.spread(run -> mib(run.peak().rssBytes())), 1));
        }
        StringBuilder text = new StringBuilder(table.render()).append('\n');
        List<String> held = new ArrayList<>();
        List<String> fell = new ArrayList<>();
        for (LabCell cell : cells) {
            String line = String.format(Locale.ROOT, "%s (%s of %d, OS threads +%s)", cell.model(),
                    CountSpread.of(cell.spread(LabRun::served)), cell.clients(),
                    fixed(cell.spread(LabRun::threadRise), 0));
            (cell.always(run -> run.served() == run.clients()) ? held : fell).add(line);
        }
        if (!held.isEmpty()) {
            text.append("Served every client, all waiting at once, in ").append(every(cells.getFirst())).append(": ")
                    .append(String.join(", ", held)).append(".\n");
        }
        if (!fell.isEmpty()) {
            text.append("Fell short in at least one trial: ").append(String.join(", ", fell)).append(".\n");
        }
        List<String> lean = cells.stream()
                .filter(c -> c.always(r -> r.served() == r.clients() && flat(r)))
                .map(c -> c.model() + " in " + waitCost(c.model())).toList();
        if (!lean.isEmpty()) {
            text.append("Without an OS thread per client, ").append(result.plan().challengeClients())
                    .append(" sleeping clients were held by: ").append(String.join("; ", lean)).append(".\n");
        }
        return text.toString();
    }

    /** Where a model keeps a client that waits, which is what a waiting client costs it. */
    private static String waitCost(LabModel model) {
        return switch (model) {
            case NETTY -> "a channel and a timer on the event loop";
            case VIRTUAL -> "a parked virtual thread, its stack on the heap, run by --carriers threads (default 1)";
            case THREADS -> "a platform thread each";
            case POOL -> "a pool thread each, or a place in the admission queue";
            case SERIAL -> "the kernel's accept queue";
        };
    }

    /** What the burst cost each model, from its samples: the rise of its threads and RSS, and its CPU time. */
    private static String costs(List<LabCell> cells, int clients) {
        String threads = cells.stream().map(c -> String.format(Locale.ROOT, "%s +%s (%s per client)", c.model(),
                fixed(c.spread(LabRun::threadRise), 0),
                fixed(c.spread(r -> r.threadRise() == null ? null : (double) r.threadRise() / r.clients()), 2)))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "- What %d waiting clients cost, from "
                + "the stage 5 samples (peak minus before the burst): OS threads %s", clients, threads));
        List<String> rss = cells.stream().map(c -> c.model() + " +" + fixed(c.spread(LabReport::rssRise), 1) + " MiB")
                .toList();
        if (cells.stream().allMatch(c -> c.spread(LabReport::rssRise) != null)) {
            text.append("; RSS ").append(String.join(", ", rss)).append(". The RSS rises include each JVM's heap "
                    + "growing under the burst, which is not sampled apart, so at this size they do not isolate what "
                    + "a connection costs; the thread count does.");
        }
        text.append(" CPU during the burst: ").append(cells.stream()
                .map(c -> c.model() + " " + fixed(c.spread(LabRun::cpuSeconds), 2) + " s")
                .collect(Collectors.joining(", "))).append('.');
        return text.append('\n').toString();
    }

    /** Each way a client failed, with its count's spread over the trials; {@code -} when none failed. */
    private static String failures(LabCell cell) {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            if (outcome == Outcome.OK) {
                continue;
            }
            Spread count = cell.spread(run -> run.flood().connections().count(outcome)
                    + run.flood().requests().count(outcome));
            if (count.max() > 0) {
                parts.add(outcome.label() + " " + fixed(count, 0));
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** The server's thread count rose by no more than {@link #FLAT_THREADS} under the burst. */
    private static boolean flat(LabRun run) {
        return run.threadRise() != null && run.threadRise() <= FLAT_THREADS;
    }

    /** The server's OS threads at one of its samples ({@code first}, {@code peak}), over the trials. */
    private static String threads(LabCell cell, Function<LabRun, TargetSample> sample) {
        return fixed(cell.spread(run -> sample.apply(run).threads()), 0);
    }

    private static Double rssRise(LabRun run) {
        Long before = run.first().rssBytes();
        Long peak = run.peak().rssBytes();
        return before == null || peak == null ? null : (peak - before) / MIB;
    }

    private static String trials(LabCell cell) {
        return cell.runs().size() == 1 ? "Its one trial" : "Over " + cell.runs().size() + " trials";
    }

    private static String every(LabCell cell) {
        return cell.runs().size() == 1 ? "its one trial" : "all " + cell.runs().size() + " trials";
    }

    private static Double mib(Long bytes) {
        return bytes == null ? null : bytes / MIB;
    }

    /** A spread of a measured figure: {@code 0.41 [0.40-0.43]}, the median alone when all trials agree. */
    private static String fixed(Spread spread, int decimals) {
        if (spread == null) {
            return "?";
        }
        String min = fixed(spread.min(), decimals);
        String max = fixed(spread.max(), decimals);
        return min.equals(max) ? min : fixed(spread.median(), decimals) + " [" + min + "-" + max + "]";
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String format(Duration duration) {
        return DurationConverter.format(duration);
    }

    private static String shown(Number value) {
        if (value == null) {
            return "?";
        }
        double number = value.doubleValue();
        return number == Math.rint(number) ? Long.toString((long) number) : fixed(number, 1);
    }
}
