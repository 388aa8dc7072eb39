package org.c10klab.harness.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c10klab.harness.result.TimelinePoint;

/**
 * The live status line on stderr: rewritten in place on a terminal, a plain line every second
 * otherwise, so logs and CI output stay readable. Separate from the final report on stdout.
 */
public final class ProgressPrinter implements Consumer<TimelinePoint> {

    /** How often a plain line is printed when stderr is not a terminal. */
    static final double PLAIN_LINE_SECONDS = 1.0;

    private static final String FORMAT =
            "%7.1fs  open %d/%d  connects ok %d failed %d  requests ok %d failed %d  %.0f req/s  p99 %.1fms";
    /** {@link #FORMAT} read back, for the lines of flood workers (a plain line: no carriage return). */
    private static final Pattern LINE = Pattern.compile("\\s*([\\d.]+)s  open (\\d+)/\\d+  connects ok (\\d+) "
            + "failed (\\d+)  requests ok (\\d+) failed (\\d+)  ([\\d.]+) req/s  p99 ([\\d.]+)ms"
            + "(?:  stage (\\d+): ([\\d.]+) (connections|req/s) planned)?");

    private final PrintWriter err;
    private final boolean terminal;
    private final int connections;
    private double lastPlainSeconds = -PLAIN_LINE_SECONDS;
    private boolean rewritten;

    /**
     * @param terminal    true to rewrite one line in place
     * @param connections the connections the flood aims for, shown as "open/target"
     */
    public ProgressPrinter(PrintWriter err, boolean terminal, int connections) {
        this.err = err;
        this.terminal = terminal;
        this.connections = connections;
    }

    @Override
    public synchronized void accept(TimelinePoint point) {
        String line = String.format(Locale.ROOT, FORMAT, point.elapsedSeconds(), point.connectionsOpen(), connections,
                point.connectsOk(), point.connectsFailed(), point.requestsOk(), point.requestsFailed(),
                point.requestsPerSecond(), point.p99Ms()) + stage(point);
        if (terminal) {
            // Carriage return, the line, then erase whatever a longer previous line left.
            err.print("\r" + line + "\033[K");
            err.flush();
            rewritten = true;
        } else if (point.elapsedSeconds() - lastPlainSeconds >= PLAIN_LINE_SECONDS) {
            err.println(line);
            lastPlainSeconds = point.elapsedSeconds();
        }
    }

    /** The point a plain progress line shows, e.g. a flood worker's; null when {@code line} is no such line. */
    public static TimelinePoint parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Integer stage = m.group(9) == null ? null : Integer.valueOf(m.group(9));
        Double planned = m.group(10) == null ? null : Double.valueOf(m.group(10));
        boolean connectionsPlanned = "connections".equals(m.group(11));
        return new TimelinePoint(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Double.parseDouble(m.group(7)), Double.parseDouble(m.group(8)), stage,
                connectionsPlanned ? planned : null, connectionsPlanned ? null : planned, null);
    }

    private static String stage(TimelinePoint point) {
        if (point.stage() == null) {
            return "";
        }
        return point.plannedConnections() != null
                ? String.format(Locale.ROOT, "  stage %d: %.0f connections planned", point.stage(),
                        point.plannedConnections())
                : String.format(Locale.ROOT, "  stage %d: %.0f req/s planned", point.stage(), point.plannedRate());
    }

    /** Ends the rewritten line so what follows starts on a fresh one. */
    public synchronized void finish() {
        if (rewritten) {
            err.println();
            rewritten = false;
        }
    }

    /** True when this process's stderr is a terminal (Linux: /proc/self/fd/2 names a tty). */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
