package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.BacklogSettings;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.experiment.OverflowTimeline;
import org.c10klab.harness.experiment.SynRetransmits;
import org.c10klab.harness.result.Environment;
import org.c10klab.server.DurationConverter;

/**
 * The backlog experiment as Markdown, printed on stdout and written to backlog.md: each cell's outcomes
 * over its trials, the kernel settings and the kernel's evidence that decided them, the SYN retransmits
 * the overflow counter measured, and what backlog each burst needs.
 */
public final class BacklogReport {

    /** Counter rises closer than this are one round of drops: a round can straddle two samples. */
    private static final double ROUND_GAP_SECONDS = 0.5;

    private BacklogReport() {
    }

    /** The whole report. */
    public static String markdown(BacklogResult result) {
        BacklogSettings settings = result.settings();
        StringBuilder text = new StringBuilder();
        text.append("# c10k backlog: ").append(settings.server()).append(" server");
        if (settings.heldByServer() > 1) {
            text.append(" (").append(settings.heldByServer()).append(" connections at a time)");
        }
        text.append(", SLEEP ").append(DurationConverter.format(settings.sleep())).append(" per connection\n\n");
        text.append("Each trial starts a fresh server with the backlog given, then opens the whole burst at once. ")
                .append(trials(result.repeat())).append(" Clients wait ")
                .append(DurationConverter.format(settings.connectTimeout())).append(" to connect and ")
                .append(DurationConverter.format(settings.responseTimeout())).append(" for their reply.");
        if (result.partial()) {
            text.append(" PARTIAL: stopped by Ctrl-C after ").append(Plural.of(runs(result).size(), "trial"))
                    .append(".");
        }
        text.append("\n\n");
        if (result.cells().isEmpty()) {
            return text.append("No trial ran.\n").toString();
        }
        text.append(kernel(result)).append("\n\n");
        text.append("## Outcomes over ").append(Plural.of(result.repeat(), "trial")).append(" per cell\n\n");
        result.cells().forEach(cell -> text.append("- ").append(distribution(cell)).append('\n'));
        text.append('\n').append(table(result.cells())).append('\n');
        text.append("![How the clients ended, per trial](").append(BacklogChart.FILE_NAME).append(")\n\n");
        text.append("`at once`: connected in under half a second, no SYN dropped. `connect times`: successful "
                + "connects rounded to whole seconds; anything past 0 s waited for SYN retransmits. `unanswered`: "
                + "connected and sent, but no reply in time. `not queued`: the most clients seen ESTABLISHED while "
                + "the server's kernel had not queued them (see below). `overflows`: the rise of "
                + "TcpExtListenOverflows, ")
                .append(firstRun(result).namespace() == null
                        ? "counted for the whole host, other programs included.\n\n"
                        : "counted inside the trial's own namespace, so it is the trial's alone.\n\n");
        text.append("## Connected is not accepted: the kernel's evidence\n\n").append(evidence(result));
        text.append("## SYN retransmits, measured\n\n").append(retransmits(result)).append('\n');
        text.append("## What backlog do you need?\n\n");
        result.advice().forEach(line -> text.append("- ").append(line).append('\n'));
        if (settings.netns()) {
            text.append('\n').append(hostCheck(result)).append('\n');
        }
        return text.toString();
    }

    /**
     * A cell's outcomes over its trials in one line, e.g. {@code burst 10, backlog 1 (queue capacity 2):
     * served 1, connected 3-10 (median 4), never answered 2-9 (median 3), connect timeouts 0-7 (median 6)}.
     */
    public static String distribution(BacklogCell cell) {
        return String.format(Locale.ROOT, "burst %d, backlog %d (queue capacity %d): %s", cell.connections(),
                cell.backlog(), cell.queueCapacity(), OutcomeSpread.line(cell.handshakeTrials()));
    }

    private static String trials(int repeat) {
        return repeat == 1
                ? "Each cell ran once: one trial is an anecdote here, run --repeat 3 or more to see the spread."
                : "Each cell ran " + repeat + " trials, in interleaved rounds (every cell once, then every cell "
                        + "again), so drift in the machine hits every cell alike.";
    }


    private static String kernel(BacklogResult result) {
        Environment kernel = firstRun(result).flood().environment();
        String where = firstRun(result).namespace() == null
                ? "Kernel settings that decided it (host)"
                : "Kernel settings that decided it (inside each trial's private network namespace)";
        return String.format(Locale.ROOT, "%s: net.core.somaxconn %s, net.ipv4.tcp_abort_on_overflow %s (%s), "
                + "net.ipv4.tcp_syn_linear_timeouts %s, net.ipv4.tcp_syncookies %s. Kernel %s.", where,
                shown(kernel.somaxconn()), shown(kernel.tcpAbortOnOverflow()),
                Long.valueOf(1).equals(kernel.tcpAbortOnOverflow())
                        ? "a handshake completing into a full queue is reset"
                        : "a handshake completing into a full queue is left half-open, the client thinks it connected",
                shown(kernel.tcpSynLinearTimeouts()), shown(kernel.tcpSyncookies()), result.host().kernel());
    }

    private static String table(List<BacklogCell> cells) {
        MarkdownTable table = new MarkdownTable("burst", "backlog", "capacity", "trial", "ok", "connected",
                "unanswered", "connect_timeout", "reset", "refused", "other", "at once", "connect times", "overflows",
                "not queued");
        for (BacklogCell cell : cells) {
            for (BacklogRun run : cell.runs()) {
                ClientOutcomes clients = run.clients();
                table.row(run.connections(), run.backlog(), run.queueCapacity(), run.trial(), clients.ok(),
                        run.connected(), clients.connectedUnanswered(), clients.connectTimeout(), clients.reset(),
                        clients.refused(), clients.other(), run.connectedAtOnce(), run.connectTimesText(),
                        run.listenQueue() == null ? "?" : "+" + run.listenQueue().listenOverflows(),
                        notQueued(run.handshakes()));
            }
        }
        return table.render();
    }

    private static String notQueued(HandshakeEvidence evidence) {
        return evidence == null || evidence.samples() == 0 ? "?" : Integer.toString(evidence.notQueuedPeak());
    }

    private static String evidence(BacklogResult result) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "While each trial ran, the server port's "
                + "sockets were read from /proc/net/tcp and tcp6 every %d ms. A client socket in ESTABLISHED has seen "
                + "its connect() return; on the server's side, ESTABLISHED means queued or accepted, SYN-RECV means "
                + "the kernel keeps the handshake but has not queued it, and no socket at all means it answered the "
                + "SYN with a SYN cookie and kept nothing.%n%n", firstRun(result).flood().run().sampleIntervalMs()));
        boolean any = false;
        for (BacklogCell cell : result.cells()) {
            List<String> sentences = HandshakeExplanation.explain(cell.handshakeTrials());
            if (!sentences.isEmpty()) {
                any = true;
                text.append("Burst ").append(cell.connections()).append(", backlog ").append(cell.backlog())
                        .append(":\n\n");
                sentences.forEach(sentence -> text.append("- ").append(sentence).append('\n'));
                text.append('\n');
            }
        }
        if (!any) {
            text.append("In every trial, every client that connected was queued, and none gave up connecting.\n\n");
        }
        return text.toString();
    }

    private static String retransmits(BacklogResult result) {
        Environment environment = firstRun(result).flood().environment();
        double patience = result.settings().connectTimeout().toMillis() / 1000.0;
        StringBuilder text = new StringBuilder();
        if (environment.tcpSynLinearTimeouts() != null) {
            text.append(String.format(Locale.ROOT, "Expected with tcp_syn_linear_timeouts=%d, within the %s connect "
                    + "timeout: a dropped SYN is sent again at %s s.%n", environment.tcpSynLinearTimeouts(),
                    DurationConverter.format(result.settings().connectTimeout()),
                    seconds(SynRetransmits.expectedSeconds(environment.tcpSynLinearTimeouts(), patience))));
        }
        text.append(String.format(Locale.ROOT, "Measured: when TcpExtListenOverflows rose (seconds, +drops; "
                + "sampled every %d ms):%n%n", firstRun(result).flood().run().sampleIntervalMs()));
        for (BacklogRun run : runs(result)) {
            List<OverflowTimeline.Rise> rounds = OverflowTimeline.merged(run.overflowRises(), ROUND_GAP_SECONDS);
            text.append("- burst ").append(run.connections()).append(", backlog ").append(run.backlog())
                    .append(", trial ").append(run.trial()).append(": ");
            if (rounds.isEmpty()) {
                text.append("no rise\n");
                continue;
            }
            OverflowTimeline.Rise burst = rounds.getFirst();
            text.append(String.format(Locale.ROOT, "%.1f s +%d", burst.atSeconds(), burst.rise()));
            rounds.stream().skip(1).forEach(r -> text.append(String.format(Locale.ROOT, ", then +%.1f s +%d",
                    r.atSeconds() - burst.atSeconds(), r.rise())));
            text.append('\n');
        }
        text.append("\nThe first rise is the burst itself; the later ones are counted from it. Each is a round of "
                + "retransmitted SYNs meeting a full queue again, or, once the server frees a place, of final ACKs "
                + "and first data from half-open connections.\n");
        return text.toString();
    }

    /** Every trial, cell by cell. */
    private static List<BacklogRun> runs(BacklogResult result) {
        return result.cells().stream().flatMap(cell -> cell.runs().stream()).toList();
    }

    private static BacklogRun firstRun(BacklogResult result) {
        return result.cells().getFirst().runs().getFirst();
    }

    private static String hostCheck(BacklogResult result) {
        return result.hostUnchanged()
                ? String.format(Locale.ROOT, "Host unchanged: net.ipv4.tcp_abort_on_overflow %s and net.core.somaxconn "
                        + "%s, before and after (read from /proc/sys outside the namespaces).",
                        shown(result.hostAfter().tcpAbortOnOverflow()), shown(result.hostAfter().somaxconn()))
                : "HOST CHANGED: before " + result.hostBefore() + ", after " + result.hostAfter()
                        + ". Something outside this experiment changed them, or a namespace leaked; check sysctl.";
    }

    private static String seconds(List<Double> times) {
        List<String> shown = new ArrayList<>();
        times.forEach(t -> shown.add(t == Math.rint(t) ? Long.toString(t.longValue()) : t.toString()));
        return shown.isEmpty() ? "(none)" : String.join(", ", shown);
    }

    private static String shown(Long value) {
        return value == null ? "?" : value.toString();
    }
}
