package org.c10klab.harness.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.LabPlan;
import org.c10klab.harness.experiment.LabResult;
import org.c10klab.harness.experiment.LabRun;
import org.c10klab.harness.experiment.SynRetransmits;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.server.DurationConverter;

/**
 * The lab's answers as Markdown, printed on stdout and written to lab.md; the sections are the lab's
 * questions, and every sentence is computed from what the runs measured.
 */
public final class LabReport {

    /** Stage 2 as DESIGN section 5 reports it measured: served, connected but unanswered, connect timeouts. */
    private static final String STAGE_2_REFERENCE = "1 served, 2 connected but unanswered, 7 connect timeouts";
    /** A thread count that rose by no more than this under a burst is called flat: pools and timers start lazily. */
    private static final long FLAT_THREADS = 10;
    private static final double MIB = 1024.0 * 1024.0;
    private static final String NOT_RUN = "Not measured on this run: ";

    private LabReport() {
    }

    /** The whole report. */
    public static String markdown(LabResult result) {
        StringBuilder text = new StringBuilder("# c10k lab: backlog and concurrency, measured on this machine\n\n");
        text.append(machine(result.host(), result.plan())).append("\n\n");
        if (result.partial()) {
            text.append("PARTIAL: stopped by Ctrl-C after ").append(result.runs().size()).append(" run(s).\n\n");
        }
        text.append("## 1. Backlog and refused connections\n\n");
        result.stage(1).forEach(run -> text.append(sequential(run)));
        result.stage(2).forEach(run -> text.append(nervous(run, result.plan())));
        if (result.stage(1).isEmpty() && result.stage(2).isEmpty()) {
            text.append(NOT_RUN).append("stages 1 and 2 did not run.\n\n");
        }
        text.append("## 2. Resource cost of threads vs the event loop\n\n").append(resources(result));
        text.append("## 3. The ").append(result.plan().challengeClients()).append("-connection challenge\n\n")
                .append(challenge(result));
        return text.toString();
    }

    private static String machine(Environment host, LabPlan plan) {
        String text = String.format(Locale.ROOT, "Linux %s, %d cores, Java %s. net.core.somaxconn %s, "
                + "net.ipv4.tcp_abort_on_overflow %s, net.ipv4.tcp_syn_linear_timeouts %s. Every server ran in its "
                + "own JVM; its threads, memory and CPU were sampled from /proc every %s.", host.kernel(), host.cores(),
                host.jdk(), shown(host.somaxconn()), shown(host.tcpAbortOnOverflow()),
                shown(host.tcpSynLinearTimeouts()), DurationConverter.format(plan.sampleInterval()));
        return plan.shortened()
                ? text + " --quick: every sleep and timeout is a fifth of the lab's (SLEEP " + format(plan.sleep())
                        + " instead of 10s)."
                : text;
    }

    private static String sequential(LabRun run) {
        double sleep = seconds(run);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "### Stage 1: a serial server and %d "
                + "clients%n%n%d clients connect at once and each sends SLEEP %s; the serial server serves one "
                + "connection at a time.%n%n", run.clients(), run.clients(), format(run.sleep())));
        MarkdownTable table = new MarkdownTable("reply", "answered after (s)", "of which waiting for others (s)");
        List<Double> waits = run.waitSeconds();
        boolean sequential = waits.size() == run.clients();
        for (int i = 0; i < waits.size(); i++) {
            double wait = waits.get(i);
            table.row(i + 1, fixed(wait, 2), fixed(Math.max(0, wait - sleep), 2));
            sequential &= Math.abs(wait - (i + 1) * sleep) < sleep / 2;
        }
        text.append(table.render()).append('\n');
        double slowestConnect = run.connectSeconds().isEmpty() ? 0 : run.connectSeconds().getLast();
        if (sequential) {
            text.append(String.format(Locale.ROOT, "Strictly sequential: reply k came after about k x %s, so each "
                    + "client waited for every client before it. All %d connected within %.0f ms: the kernel "
                    + "completes the handshake and queues the connection; the server only accept()s it when it is "
                    + "done with the previous one.%n%n", format(run.sleep()), run.connectSeconds().size(),
                    slowestConnect * 1000));
        } else {
            text.append(String.format(Locale.ROOT, "Not strictly sequential on this run: %d of %d answered, after "
                    + "%s s (expected about k x %s).%n%n", waits.size(), run.clients(),
                    waits.stream().map(w -> fixed(w, 2)).collect(Collectors.joining(", ")), format(run.sleep())));
        }
        return text.toString();
    }

    private static String nervous(LabRun run, LabPlan plan) {
        ClientOutcomes clients = run.outcomes();
        long served = clients.ok();
        long unanswered = clients.connectedUnanswered();
        long connectTimeouts = clients.connectTimeout();
        long reset = clients.reset();
        long refused = clients.refused();
        Environment kernel = run.flood().environment();
        int capacity = run.effectiveBacklog() + 1;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "### Stage 2: a serial server with "
                + "backlog %d and SLEEP %s, hit by %d nervous clients%n%nThe clients start %s apart, give up "
                + "connecting after %s and waiting for a reply after %s.%n%n", run.requestedBacklog(),
                format(run.sleep()), run.clients(), format(plan.nervousSpacing()), format(plan.connectTimeout()),
                format(plan.responseTimeout())));
        text.append(new MarkdownTable("served", "connected, unanswered", "connect_timeout", "reset", "refused",
                "other", "TcpExtListenOverflows").row(served, unanswered, connectTimeouts, reset, refused,
                clients.other(),
                run.flood().listenQueue() == null ? "?" : "+" + run.flood().listenQueue().listenOverflows())
                .render()).append('\n');
        text.append("Why, in kernel terms:\n\n");
        List<Double> late = run.connectSeconds().stream().filter(s -> s >= SynRetransmits.AT_ONCE_SECONDS).toList();
        text.append(String.format(Locale.ROOT, "- listen(%d) gave an accept queue of min(%d, somaxconn %s) + 1 = %d "
                + "connections, and the serial server holds 1 more while it sleeps: room for %d clients. %d "
                + "connected at once.%n", run.requestedBacklog(), run.requestedBacklog(), shown(kernel.somaxconn()),
                capacity, capacity + 1, run.connectSeconds().size() - late.size()));
        if (served > 0) {
            text.append(String.format(Locale.ROOT, "- %d served: the connection the server accepted first, "
                    + "answered after %s s.%n", served, fixed(run.waitSeconds().getFirst(), 1)));
        }
        if (!late.isEmpty()) {
            text.append(String.format(Locale.ROOT, "- %d connected only after %s s: their first SYN met the full "
                    + "queue and was dropped; when they resent it, the server had accept()ed a connection since, one "
                    + "place was free, and the kernel let every resent SYN through at once. At most one could take "
                    + "the place; the final ACK of the others met a full queue again and was dropped "
                    + "(tcp_abort_on_overflow=%s), so those clients believe they are connected while the server "
                    + "never learns of them.%n", late.size(), late.stream().map(s -> fixed(s, 1)).distinct()
                    .collect(Collectors.joining(", ")), shown(kernel.tcpAbortOnOverflow())));
        }
        if (unanswered > 0) {
            text.append(String.format(Locale.ROOT, "- %d connected but unanswered: a connection in the accept queue "
                    + "waits for a serial server that accepts the next one only after %s, and their %s of patience "
                    + "ran out first. Connected is not accepted: only a reply proves it.%n", unanswered,
                    format(run.sleep()), format(plan.responseTimeout())));
        }
        if (connectTimeouts > 0) {
            text.append(String.format(Locale.ROOT, "- %d connect timeouts: their SYNs met a full accept queue and the "
                    + "kernel dropped them silently (no SYN-ACK, no RST). Each client resent its SYN after about 1 s, "
                    + "into a queue still full (the server frees a place only after %s), until its %s connect "
                    + "timeout expired.%s%n", connectTimeouts, format(run.sleep()), format(plan.connectTimeout()),
                    run.flood().listenQueue() == null ? "" : " TcpExtListenOverflows rose by "
                            + run.flood().listenQueue().listenOverflows() + " meanwhile: every dropped SYN counts, "
                            + "retransmits included (and other programs on this host too)."));
        }
        if (reset > 0) {
            text.append(String.format(Locale.ROOT, "- %d reset: with tcp_abort_on_overflow=%s the kernel answers a "
                    + "handshake that completes into a full queue with RST.%n", reset,
                    shown(kernel.tcpAbortOnOverflow())));
        }
        text.append(refused == 0
                ? "- Nobody was refused: on Linux ECONNREFUSED means nothing listens on the port; a full backlog "
                        + "drops, it does not refuse.\n"
                : "- " + refused + " refused: nothing listened on the port at that moment.\n");
        if (!plan.shortened()) {
            text.append("- Reference (DESIGN section 5, measured earlier on this kind of machine): ")
                    .append(STAGE_2_REFERENCE).append(".\n");
        }
        return text.append('\n').toString();
    }

    private static String resources(LabResult result) {
        List<LabRun> runs = new ArrayList<>(result.stage(3));
        runs.addAll(result.stage(4));
        runs.addAll(result.stage(5));
        if (runs.isEmpty()) {
            return NOT_RUN + "stages 3 to 5 did not run.\n\n";
        }
        MarkdownTable table = new MarkdownTable("stage", "model", "clients", "served", "OS threads before", "peak",
                "JVM threads peak", "virtual peak", "RSS MiB before", "peak", "CPU s");
        for (LabRun run : runs) {
            table.row(run.stage(), run.model(), run.clients(), run.served(), shown(run.first().threads()),
                    shown(run.peak().threads()), shown(run.peak().platformThreads()),
                    run.peak().virtualThreads() == null ? "-" : shown(run.peak().virtualThreads()),
                    mib(run.first().rssBytes()), mib(run.peak().rssBytes()), cpu(run));
        }
        StringBuilder text = new StringBuilder(table.render()).append('\n');
        for (LabRun run : result.stage(3)) {
            text.append(String.format(Locale.ROOT, "- Stage 3, thread per connection: %d of %d served; OS threads "
                    + "%s -> %s (%s) and at most %s live JVM platform threads: a thread is born for every "
                    + "connection and sleeps with it.%n", run.served(), run.clients(), shown(run.first().threads()),
                    shown(run.peak().threads()), rise(run), shown(run.peak().platformThreads())));
        }
        for (LabRun run : result.stage(4)) {
            text.append(String.format(Locale.ROOT, "- Stage 4, event loop: %d of %d served; OS threads %s -> %s "
                    + "(%s)%s: each waiting connection is a channel and its SLEEP a timer on the loop.%n",
                    run.served(), run.clients(), shown(run.first().threads()), shown(run.peak().threads()), rise(run),
                    threadRise(run) <= FLAT_THREADS ? ", flat" : ", not flat on this run"));
        }
        List<LabRun> challenge = result.stage(5);
        if (!challenge.isEmpty()) {
            text.append(costs(challenge, result.plan().challengeClients()));
        }
        return text.append('\n').toString();
    }

    private static String challenge(LabResult result) {
        List<LabRun> runs = result.stage(5);
        if (runs.isEmpty()) {
            return NOT_RUN + "stage 5 did not run.\n";
        }
        MarkdownTable table = new MarkdownTable("model", "served", "failed", "failed how", "reply p50 (s)",
                "reply max (s)", "connect p99 (ms)", "OS threads peak", "RSS peak MiB");
        for (LabRun run : runs) {
            table.row(run.model(), run.served() + "/" + run.clients(), run.clients() - run.served(), failures(run),
                    fixed(run.flood().requestLatency().p50Ms() / 1000, 2),
                    fixed(run.flood().requestLatency().maxMs() / 1000, 2),
                    fixed(run.flood().connectLatency().p99Ms(), 1), shown(run.peak().threads()),
                    mib(run.peak().rssBytes()));
        }
        StringBuilder text = new StringBuilder(table.render()).append('\n');
        List<String> held = new ArrayList<>();
        List<String> fell = new ArrayList<>();
        for (LabRun run : runs) {
            String line = String.format(Locale.ROOT, "%s (%d of %d, OS threads +%d)", run.model(), run.served(),
                    run.clients(), threadRise(run));
            (run.served() == run.clients() ? held : fell).add(line);
        }
        if (!held.isEmpty()) {
            text.append("Served every client, all waiting at once: ").append(String.join(", ", held)).append(".\n");
        }
        if (!fell.isEmpty()) {
            text.append("Fell short: ").append(String.join(", ", fell)).append(".\n");
        }
        List<String> lean = runs.stream().filter(r -> r.served() == r.clients() && threadRise(r) <= FLAT_THREADS)
                .map(r -> r.model() + " in " + waitCost(r.model())).toList();
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
            case VIRTUAL -> "a parked virtual thread, its stack on the heap, on a few carrier threads";
            case THREADS -> "a platform thread each";
            case POOL -> "a pool thread each, or a place in the admission queue";
            case SERIAL -> "the kernel's accept queue";
        };
    }

    /** What the burst cost each model, from its samples: the rise of its threads and RSS, and its CPU time. */
    private static String costs(List<LabRun> runs, int clients) {
        String threads = runs.stream().map(r -> String.format(Locale.ROOT, "%s %s (%.2f per client)", r.model(),
                rise(r), (double) threadRise(r) / r.clients())).collect(Collectors.joining(", "));
        List<Double> rssRises = runs.stream().filter(r -> r.first().rssBytes() != null && r.peak().rssBytes() != null)
                .map(r -> (r.peak().rssBytes() - r.first().rssBytes()) / MIB).toList();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "- What %d waiting clients cost, from "
                + "the stage 5 samples (peak minus before the burst): OS threads %s", clients, threads));
        if (rssRises.size() == runs.size()) {
            List<String> rss = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                rss.add(String.format(Locale.ROOT, "%s %+.1f MiB", runs.get(i).model(), rssRises.get(i)));
            }
            text.append("; RSS ").append(String.join(", ", rss)).append(". The RSS rises include each JVM's heap "
                    + "growing under the burst, which is not sampled apart, so at this size they do not isolate what "
                    + "a connection costs; the thread count does.");
        }
        text.append(" CPU during the burst: ").append(runs.stream().map(r -> r.model() + " " + cpu(r) + " s")
                .collect(Collectors.joining(", "))).append('.');
        return text.append('\n').toString();
    }

    private static String failures(LabRun run) {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            long count = outcome == Outcome.OK ? 0
                    : run.flood().connections().count(outcome) + run.flood().requests().count(outcome);
            if (count > 0) {
                parts.add(outcome.label() + " " + count);
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static long threadRise(LabRun run) {
        TargetSample first = run.first();
        TargetSample peak = run.peak();
        return first.threads() == null || peak.threads() == null ? 0 : peak.threads() - first.threads();
    }

    private static String rise(LabRun run) {
        return run.first().threads() == null ? "?" : "+" + threadRise(run);
    }

    private static String cpu(LabRun run) {
        Double first = run.first().cpuSeconds();
        Double last = run.last().cpuSeconds();
        return first == null || last == null ? "?" : fixed(last - first, 2);
    }

    private static double seconds(LabRun run) {
        return run.sleep().toMillis() / 1000.0;
    }

    private static String mib(Long bytes) {
        return bytes == null ? "?" : fixed(bytes / MIB, 1);
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
