package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogSettings;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.OverflowTimeline;
import org.c10klab.harness.experiment.SynRetransmits;
import org.c10klab.harness.result.Environment;
import org.c10klab.server.DurationConverter;

/**
 * The backlog experiment as Markdown, printed on stdout and written to backlog.md: the cells, the
 * kernel settings that decided them, the SYN retransmits the overflow counter measured, and what
 * backlog each burst needs.
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
        text.append("Each cell starts a fresh server with the backlog given, then opens the whole burst at once. "
                + "Clients wait ").append(DurationConverter.format(settings.connectTimeout()))
                .append(" to connect and ").append(DurationConverter.format(settings.responseTimeout()))
                .append(" for their reply.");
        if (result.partial()) {
            text.append(" PARTIAL: stopped by Ctrl-C after ").append(result.cells().size()).append(" cell(s).");
        }
        text.append("\n\n");
        if (result.cells().isEmpty()) {
            return text.append("No cell ran.\n").toString();
        }
        text.append(kernel(result)).append("\n\n");
        text.append(table(result.cells())).append('\n');
        text.append("![How the clients ended, per cell](").append(BacklogChart.FILE_NAME).append(")\n\n");
        text.append("`at once`: connected in under half a second, no SYN dropped. `connect times`: successful "
                + "connects rounded to whole seconds; anything past 0 s waited for SYN retransmits. `unanswered`: "
                + "connected and sent, but no reply in time. `overflows`: the rise of TcpExtListenOverflows, ")
                .append(result.cells().getFirst().namespace() == null
                        ? "counted for the whole host, other programs included.\n\n"
                        : "counted inside the cell's own namespace, so it is the cell's alone.\n\n");
        text.append("## SYN retransmits, measured\n\n").append(retransmits(result)).append('\n');
        text.append("## What backlog do you need?\n\n");
        result.advice().forEach(line -> text.append("- ").append(line).append('\n'));
        if (settings.netns()) {
            text.append('\n').append(hostCheck(result)).append('\n');
        }
        return text.toString();
    }

    private static String kernel(BacklogResult result) {
        Environment kernel = result.cells().getFirst().flood().environment();
        String where = result.cells().getFirst().namespace() == null
                ? "Kernel settings that decided it (host)"
                : "Kernel settings that decided it (inside each cell's private network namespace)";
        return String.format(Locale.ROOT, "%s: net.core.somaxconn %s, net.ipv4.tcp_abort_on_overflow %s (%s), "
                + "net.ipv4.tcp_syn_linear_timeouts %s, net.ipv4.tcp_syncookies %s. Kernel %s.", where,
                shown(kernel.somaxconn()), shown(kernel.tcpAbortOnOverflow()),
                Long.valueOf(1).equals(kernel.tcpAbortOnOverflow())
                        ? "a handshake completing into a full queue is reset"
                        : "a handshake completing into a full queue is left half-open, the client thinks it connected",
                shown(kernel.tcpSynLinearTimeouts()), shown(kernel.tcpSyncookies()), result.host().kernel());
    }

    private static String table(List<BacklogCell> cells) {
        MarkdownTable table = new MarkdownTable("burst", "backlog", "effective", "capacity", "ok", "connect_timeout",
                "unanswered", "reset", "refused", "other", "at once", "connect times", "overflows");
        for (BacklogCell cell : cells) {
            ClientOutcomes clients = cell.clients();
            table.row(cell.connections(), cell.backlog(), cell.effectiveBacklog(), cell.queueCapacity(), clients.ok(),
                    clients.connectTimeout(), clients.connectedUnanswered(), clients.reset(), clients.refused(),
                    clients.other(), cell.connectedAtOnce(), cell.connectTimesText(),
                    cell.listenQueue() == null ? "?" : "+" + cell.listenQueue().listenOverflows());
        }
        return table.render();
    }

    private static String retransmits(BacklogResult result) {
        Environment environment = result.cells().getFirst().flood().environment();
        double patience = result.settings().connectTimeout().toMillis() / 1000.0;
        StringBuilder text = new StringBuilder();
        if (environment.tcpSynLinearTimeouts() != null) {
            text.append(String.format(Locale.ROOT, "Expected with tcp_syn_linear_timeouts=%d, within the %s connect "
                    + "timeout: a dropped SYN is sent again at %s s.%n", environment.tcpSynLinearTimeouts(),
                    DurationConverter.format(result.settings().connectTimeout()),
                    seconds(SynRetransmits.expectedSeconds(environment.tcpSynLinearTimeouts(), patience))));
        }
        text.append(String.format(Locale.ROOT, "Measured: when TcpExtListenOverflows rose (seconds, +drops; "
                + "sampled every %d ms):%n%n", result.cells().getFirst().flood().run().sampleIntervalMs()));
        for (BacklogCell cell : result.cells()) {
            List<OverflowTimeline.Rise> rounds = OverflowTimeline.merged(cell.overflowRises(), ROUND_GAP_SECONDS);
            text.append("- burst ").append(cell.connections()).append(", backlog ").append(cell.backlog()).append(": ");
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
