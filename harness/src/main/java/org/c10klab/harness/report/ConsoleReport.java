package org.c10klab.harness.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.flood.Protocol;
import org.c10klab.harness.result.CheckResult;
import org.c10klab.harness.result.CommandResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.GcPauses;
import org.c10klab.harness.result.HarnessLag;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.Segment;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TargetSummary;
import org.c10klab.harness.result.ThreadCpu;
import org.c10klab.server.DurationConverter;

/**
 * The final table on stdout: what ran, how everything ended, latency with the harness's own lag and the
 * kernel's counters beside it, the target, notes, verdicts.
 */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    /** Prints {@code result} to {@code out}. */
    public static void print(FloodResult result, PrintWriter out) {
        out.println(headline(result));
        Segment segment = result.segment();
        if (segment != null) {
            out.printf(Locale.ROOT, "segment %d/%d of %d connections in all; started %s%s%n", segment.index(),
                    segment.count(), segment.flood().connections(), result.run().startedAt(),
                    segment.startAt() == null ? "" : " (agreed start " + segment.startAt() + ")");
        }
        out.printf(Locale.ROOT, "%s after %.2f s on %s (%d threads)%n", result.run().partial()
                ? "PARTIAL: stopped (" + result.run().endReason() + ")" : "completed",
                result.run().elapsedSeconds(), result.run().transport(), result.run().threads());
        out.println();
        outcomes(result, out);
        out.println();
        out.printf("%-16s %8s %10s %10s %10s %10s %10s%n", "latency ms", "count", "p50", "p90", "p99", "p99.9", "max");
        latency("connect", result.connectLatency(), out);
        latency("request", result.requestLatency(), out);
        if (result.commands().size() > 1) {
            commands(result.commands(), out);
        }
        if (result.harnessLag() != null) {
            harnessLag(result.harnessLag(), out);
        }
        kernel(result, out);
        out.println();
        out.printf(Locale.ROOT, "throughput: %.1f ok requests/s; peak open connections: %d%n",
                result.requestsPerSecond(), result.accounting().peakOpenConnections());
        if (result.target() != null) {
            target(result.target(), out);
        }
        if (!result.notes().isEmpty()) {
            out.println();
            out.println("what the outcomes mean:");
            result.notes().forEach(note -> out.println("  - " + note));
        }
        if (!result.checks().isEmpty()) {
            out.println();
            for (CheckResult check : result.checks()) {
                out.printf("%s %s (actual %s)%n", check.passed() ? "PASS" : "FAIL", check.expression(), check.actual());
            }
        }
    }

    private static String headline(FloodResult result) {
        FloodConfig config = result.config();
        StringBuilder line = new StringBuilder("flood ").append(config.target()).append(": ")
                .append(Plural.of(config.connections(), config.reconnect() ? "client" : "connection"))
                .append(config.reconnect() ? " (reconnecting)" : "");
        if (FloodDescription.connectionStages(config)) {
            line.append(" at most, as the stages open them");
        } else if (!config.ramp().isZero()) {
            line.append(" over ").append(DurationConverter.format(config.ramp()));
        } else if (config.connectRatePerSecond() > 0) {
            line.append(String.format(Locale.ROOT, " at %.1f/s", config.connectRatePerSecond()));
        } else {
            line.append(" at once");
        }
        if (config.requestsPerConnection() != FloodConfig.UNTIL_DEADLINE) {
            line.append(", ").append(Plural.of(config.requestsPerConnection(), "request")).append(" each");
        }
        if (!config.duration().isZero()) {
            line.append(", for ").append(DurationConverter.format(config.duration()));
        }
        line.append(", ").append(config.protocol() == Protocol.RAW ? "raw payload"
                : config.commands().stream().map(c -> c.weight() == 1 ? c.text() : c.text() + " x" + c.weight())
                        .reduce((a, b) -> a + " | " + b).orElse(""));
        if (config.pipeline() > 1) {
            line.append(", pipeline ").append(config.pipeline());
        }
        line.append(FloodDescription.pace(config));
        return line.toString();
    }

    private static void outcomes(FloodResult result, PrintWriter out) {
        OutcomeCounts connections = result.connections();
        OutcomeCounts requests = result.requests();
        out.printf("%-18s %12s %12s%n", "outcome", "connections", "requests");
        for (Outcome outcome : Outcome.values()) {
            long attempts = connections.count(outcome);
            long sent = requests.count(outcome);
            if (outcome == Outcome.OK || attempts > 0 || sent > 0) {
                out.printf("%-18s %12d %12d%n", outcome.label(), attempts, sent);
            }
        }
        out.printf("%-18s %12d %12d%n", "total", connections.total(), requests.total());
        if (result.accounting().unansweredConnections() > 0) {
            out.printf("%-18s %12d%n", "never answered", result.accounting().unansweredConnections());
        }
        if (result.accounting().requestsUnsent() > 0) {
            out.printf("%-18s %12s %12d%n", "scheduled, unsent", "", result.accounting().requestsUnsent());
        }
        details("connect", connections, out);
        details("request", requests, out);
    }

    private static void details(String phase, OutcomeCounts counts, PrintWriter out) {
        counts.details().forEach((outcome, byDetail) -> {
            StringBuilder line = new StringBuilder("  ").append(phase).append(' ').append(outcome).append(": ");
            int shown = 0;
            for (Map.Entry<String, Long> entry : byDetail.entrySet()) {
                if (shown++ == 5) {
                    line.append(", ...");
                    break;
                }
                line.append(shown > 1 ? ", " : "").append(entry.getKey()).append(" x ").append(entry.getValue());
            }
            out.println(line);
        });
    }

    private static void latency(String phase, LatencySummary latency, PrintWriter out) {
        out.println(latencyRow(phase, latency));
    }

    /** The first column of the latency table: {@code %-16s}. */
    private static final int LABEL_WIDTH = 16;

    private static String latencyRow(String phase, LatencySummary latency) {
        if (latency.count() == 0) {
            return String.format("%-16s %8d %10s", phase, 0, "-");
        }
        return String.format(Locale.ROOT, "%-16s %8d %10.3f %10.3f %10.3f %10.3f %10.3f", phase, latency.count(),
                latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p999Ms(), latency.maxMs());
    }

    // Beside the totals, each command of a mix alone: a slow SET hides in the total of nine fast GETs.
    private static void commands(List<CommandResult> commands, PrintWriter out) {
        out.println("per command:");
        for (CommandResult command : commands) {
            String label = "  " + command.command() + (command.weight() == 1 ? "" : " x" + command.weight());
            List<String> failed = new ArrayList<>();
            for (Outcome outcome : Outcome.values()) {
                long count = command.requests().count(outcome);
                if (outcome != Outcome.OK && count > 0) {
                    failed.add(outcome.label() + " " + count);
                }
            }
            // A command too long for the label column gets a line of its own, so the figures stay in their columns.
            if (label.length() > LABEL_WIDTH) {
                out.println(label);
                label = "";
            }
            out.println(latencyRow(label, command.latency()) + (command.nils() == 0 ? "" : "  nil " + command.nils())
                    + (failed.isEmpty() ? "" : "  failed: " + String.join(", ", failed)));
        }
    }

    // Beside the latency, in its columns: what of it was the harness's own lateness.
    private static void harnessLag(HarnessLag lag, PrintWriter out) {
        out.println("harness lag ms (its own lateness, not the target's):");
        latency("  connect start", lag.connectStart(), out);
        if (lag.sendStart() != null) {
            latency("  send start", lag.sendStart(), out);
        }
        GcPauses gc = lag.gcPauses();
        out.printf(Locale.ROOT, "%-16s %8d %10s%n", "  GC pauses", gc.count(), gc.count() == 0 ? "-"
                : String.format(Locale.ROOT, "%.0f ms in total, longest %.0f ms", gc.totalMs(), gc.maxMs()));
        threads("  event loops", lag.eventLoops(), out);
        threads("  JIT compilers", lag.jitCompilers(), out);
    }

    private static void threads(String name, ThreadCpu cpu, PrintWriter out) {
        if (cpu != null) {
            out.printf(Locale.ROOT, "%-16s %8d %10s%n", name, cpu.threads(), String.format(Locale.ROOT,
                    "ran %.2f s, waited %.2f s for a CPU", cpu.runSeconds(), cpu.waitSeconds()));
        }
    }

    private static void kernel(FloodResult result, PrintWriter out) {
        List<String> counters = new ArrayList<>();
        if (result.synRetransmits() != null) {
            counters.add("TcpExtTCPSynRetrans +" + result.synRetransmits());
        }
        if (result.listenQueue() != null) {
            counters.add("TcpExtListenOverflows +" + result.listenQueue().listenOverflows());
            counters.add("TcpExtListenDrops +" + result.listenQueue().listenDrops());
        }
        if (!counters.isEmpty()) {
            out.println("kernel (whole namespace): " + String.join(", ", counters));
        }
    }

    private static void target(TargetSummary target, PrintWriter out) {
        TargetSample first = target.first();
        TargetSample peak = target.peak();
        TargetSample last = target.last();
        StringBuilder line = new StringBuilder("target");
        if (target.pid() != null) {
            line.append(" pid ").append(target.pid());
        }
        if (target.metricsUrl() != null) {
            line.append(" ").append(target.metricsUrl());
        }
        out.println(line.append(": first / peak / last").toString());
        row("  os threads", first.threads(), peak.threads(), last.threads(), out);
        row("  rss MiB", mib(first.rssBytes()), mib(peak.rssBytes()), mib(last.rssBytes()), out);
        row("  cpu s", first.cpuSeconds(), peak.cpuSeconds(), last.cpuSeconds(), out);
        row("  open fds", first.openFds(), peak.openFds(), last.openFds(), out);
        row("  connections", first.connections(), peak.connections(), last.connections(), out);
        row("  jvm threads", first.platformThreads(), peak.platformThreads(), last.platformThreads(), out);
        row("  virtual threads", first.virtualThreads(), peak.virtualThreads(), last.virtualThreads(), out);
        target.errors().forEach(error -> out.println("  sampling failed: " + error));
    }

    private static void row(String name, Number first, Number peak, Number last, PrintWriter out) {
        if (first == null && peak == null && last == null) {
            return;
        }
        out.printf("%-18s %10s %10s %10s%n", name, shown(first), shown(peak), shown(last));
    }

    private static Double mib(Long bytes) {
        return bytes == null ? null : bytes / (1024.0 * 1024.0);
    }

    private static String shown(Number value) {
        if (value == null) {
            return "-";
        }
        double number = value.doubleValue();
        return number == Math.rint(number) ? Long.toString((long) number) : String.format(Locale.ROOT, "%.1f", number);
    }
}
