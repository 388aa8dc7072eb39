package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.c10klab.harness.report.CountSpread;
import org.c10klab.harness.report.Plural;
import org.c10klab.harness.stats.Spread;
import org.c10klab.server.DurationConverter;

/**
 * What backlog a burst needs, said from the cells' trials: the smallest backlog tried that took the
 * whole burst at once in every trial, the capacity rule that explains it, and what a bigger queue does
 * not buy.
 */
public final class BacklogAdvice {

    private BacklogAdvice() {
    }

    /** One finding per line, for the cells that ran. */
    public static List<String> advise(BacklogSettings settings, List<BacklogCell> cells) {
        List<String> lines = new ArrayList<>();
        if (cells.isEmpty()) {
            return lines;
        }
        BacklogRun first = cells.getFirst().runs().getFirst();
        Long somaxconn = first.flood().environment().somaxconn();
        for (int burst : settings.connections()) {
            List<BacklogCell> row = cells.stream().filter(c -> c.connections() == burst)
                    .sorted(Comparator.comparingInt(BacklogCell::backlog)).toList();
            if (!row.isEmpty()) {
                lines.add(forBurst(burst, row, settings.heldByServer(), somaxconn));
            }
        }
        cells.stream().filter(c -> c.effectiveBacklog() < c.backlog()).findFirst().ifPresent(c -> lines.add(
                String.format(Locale.ROOT, "Clamped: backlog %d became %d, because net.core.somaxconn is %d; listen() "
                        + "does not complain, only the LISTENING line (and ss -lnt's Send-Q) shows it.",
                        c.backlog(), c.effectiveBacklog(), c.effectiveBacklog())));
        lines.add(service(settings, cells));
        if (Long.valueOf(1).equals(first.flood().environment().tcpAbortOnOverflow())) {
            lines.add(aborted(cells));
        }
        long refused = sum(cells, run -> run.clients().refused());
        lines.add(refused == 0
                ? "No connection was refused in any trial: a full accept queue drops silently; ECONNREFUSED would "
                        + "mean that nothing listens on the port."
                : Plural.of(refused, "connection") + " " + Plural.was(refused) + " refused: nothing listened on the port at that moment (a full "
                        + "accept queue drops, it does not refuse).");
        return lines;
    }

    private static String forBurst(int burst, List<BacklogCell> row, int held, Long somaxconn) {
        StringBuilder line = new StringBuilder("Burst of ").append(burst).append(": ");
        Optional<BacklogCell> enough = row.stream().filter(c -> c.always(run -> tookAllAtOnce(run, burst)))
                .findFirst();
        if (enough.isPresent()) {
            BacklogCell cell = enough.get();
            line.append(String.format(Locale.ROOT, "backlog %d (queue capacity %d) was the smallest tried that "
                    + "took all %d connects at once in %s", cell.backlog(), cell.queueCapacity(), burst,
                    cell.runs().size() == 1 ? "its trial" : "all " + cell.runs().size() + " trials"));
            row.stream().filter(c -> c.backlog() < cell.backlog()).reduce((a, b) -> b)
                    .ifPresent(smaller -> line.append("; with backlog ").append(smaller.backlog()).append(", ")
                            .append(shortfall(smaller)));
        } else {
            BacklogCell best = row.stream()
                    .max(Comparator.comparingDouble(c -> c.spread(BacklogRun::connectedAtOnce).median())).orElseThrow();
            line.append(String.format(Locale.ROOT, "no backlog tried took all %d at once in every trial; the best, "
                    + "backlog %d (queue capacity %d), %s", burst, best.backlog(), best.queueCapacity(),
                    shortfall(best)));
        }
        int needed = Math.max(1, burst - held - 1);
        line.append(String.format(Locale.ROOT, ". The kernel's rule explains it: the queue holds min(backlog, "
                + "somaxconn) + 1 and the server itself holds %d, so a burst of %d needs a backlog of at least %d; "
                + "leave headroom, since real bursts are not exact", held, burst, needed));
        if (somaxconn != null && needed > somaxconn) {
            line.append(String.format(Locale.ROOT, ", and raise net.core.somaxconn (%d here) as well, or listen() "
                    + "silently clamps the backlog to it", somaxconn));
        }
        return line.append('.').toString();
    }

    private static String aborted(List<BacklogCell> cells) {
        long resets = sum(cells, run -> run.clients().reset());
        long lateUnanswered = sum(cells, run -> run.connectedAfterRetransmit() > 0
                ? run.clients().connectedUnanswered() : 0);
        Long syncookies = cells.getFirst().runs().getFirst().flood().environment().tcpSyncookies();
        String line = Plural.of(resets, "connection") + " " + Plural.was(resets) + " reset: with tcp_abort_on_overflow=1 the kernel answers a final "
                + "ACK that meets a full accept queue with RST, so the client fails at once instead of waiting "
                + "connected for a reply that never comes.";
        if (lateUnanswered > 0 && syncookies != null && syncookies > 0) {
            line += " Not every such handshake was reset, though: the setting acts on the handshakes the kernel keeps "
                    + "state for, in its SYN queue (about as long as the backlog); past that, with tcp_syncookies="
                    + syncookies + ", it answers with a SYN cookie, keeps nothing, and drops a final ACK that meets a "
                    + "full queue silently, whatever tcp_abort_on_overflow says.";
        }
        return line;
    }

    private static boolean tookAllAtOnce(BacklogRun run, int burst) {
        return run.connectedAtOnce() == burst && run.clients().reset() == 0;
    }

    /** What fell short in a cell, each figure as its spread over the trials. */
    private static String shortfall(BacklogCell cell) {
        List<String> parts = new ArrayList<>();
        parts.add(CountSpread.of(cell.spread(BacklogRun::connectedAtOnce)) + " connected at once");
        Spread late = cell.spread(BacklogRun::connectedAfterRetransmit);
        if (late.max() > 0) {
            TreeSet<Integer> seconds = new TreeSet<>();
            cell.runs().forEach(run -> run.connectTimes().stream().filter(step -> step.seconds() > 0)
                    .forEach(step -> seconds.add(step.seconds())));
            parts.add(CountSpread.of(late) + " only after SYN retransmits (at " + String.join(", ",
                    seconds.stream().map(s -> s + "s").toList()) + ")");
        }
        Spread timeouts = cell.spread(run -> run.clients().connectTimeout());
        if (timeouts.max() > 0) {
            parts.add(CountSpread.of(timeouts) + " gave up connecting");
        }
        Spread resets = cell.spread(run -> run.clients().reset());
        if (resets.max() > 0) {
            parts.add(CountSpread.was(resets) + " reset");
        }
        return String.join(", ", parts);
    }

    private static String service(BacklogSettings settings, List<BacklogCell> cells) {
        Spread served = Spread.of(cells.stream().flatMap(c -> c.runs().stream()).map(run -> run.clients().ok())
                .toList());
        String answered = served.constant() ? CountSpread.of(served)
                : String.format(Locale.ROOT, "%.0f to %.0f", served.min(), served.max());
        return String.format(Locale.ROOT, "Admission is not service: whatever the backlog, the server answered %s "
                + "%s per trial, serving %d at a time for %s each, within the clients' %s; a bigger queue only "
                + "lets the others wait connected instead of resending SYNs. To answer a burst, the server must "
                + "accept sooner (see c10k compare).", answered, Plural.noun(served.constant() ? served.median() : served.max(), "client"),
                settings.heldByServer(),
                DurationConverter.format(settings.sleep()), DurationConverter.format(settings.responseTimeout()));
    }

    private static long sum(List<BacklogCell> cells, ToLongFunction<BacklogRun> figure) {
        return cells.stream().mapToLong(cell -> cell.total(figure)).sum();
    }
}
