package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.c10klab.harness.result.TimelinePoint;
import org.junit.jupiter.api.Test;

/** The live line: rewritten in place on a terminal, plain and sparse otherwise. */
class ProgressPrinterTest {

    @Test
    void rewritesOneLineOnATerminal() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err, true), true, 200);

        printer.accept(point(0.25));
        printer.accept(point(0.5));
        printer.finish();

        assertThat(err.toString()).startsWith("\r").contains("\033[K").endsWith(System.lineSeparator())
                .contains("open 150/200").contains("requests ok 900 failed 3").contains("p99 12.5ms");
        assertThat(err.toString().chars().filter(c -> c == '\n')).as("one line, rewritten").hasSize(1);
    }

    @Test
    void aPlainLineReadsBackAsItsPoint() {
        StringWriter err = new StringWriter();
        new ProgressPrinter(new PrintWriter(err, true), false, 200).accept(point(1.5));

        TimelinePoint read = ProgressPrinter.parse(err.toString().strip());

        assertThat(read).isEqualTo(new TimelinePoint(1.5, 150, 190, 10, 900, 3, 3600, 12.5, null, null, null, null));
        assertThat(ProgressPrinter.parse("note: 400 connections asked")).isNull();
    }

    @Test
    void aStagedLineReadsBackWithItsStageAndPlan() {
        TimelinePoint connections = new TimelinePoint(2.0, 150, 190, 10, 900, 3, 3600, 12.5, 2, 120.0, null, null);
        TimelinePoint rate = new TimelinePoint(3.0, 150, 190, 10, 900, 3, 3600, 12.5, 1, null, 500.0, null);
        for (TimelinePoint point : List.of(connections, rate)) {
            StringWriter err = new StringWriter();
            new ProgressPrinter(new PrintWriter(err, true), false, 200).accept(point);

            assertThat(ProgressPrinter.parse(err.toString().strip())).as(err.toString()).isEqualTo(point);
        }
    }

    @Test
    void printsAPlainLineASecondOtherwise() {
        StringWriter err = new StringWriter();
        ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err, true), false, 200);

        for (int tick = 1; tick <= 12; tick++) {
            printer.accept(point(tick * 0.25));
        }
        printer.finish();

        assertThat(err.toString()).doesNotContain("\r").doesNotContain("\033");
        assertThat(err.toString().lines()).hasSize(3);
    }

    private static TimelinePoint point(double elapsedSeconds) {
        return new TimelinePoint(elapsedSeconds, 150, 190, 10, 900, 3, 3600, 12.5, null, null, null, null);
    }
}
