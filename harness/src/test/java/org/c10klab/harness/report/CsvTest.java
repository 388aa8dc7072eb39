package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.experiment.RunStatus;
import org.c10klab.harness.experiment.ScheduledTrial;
import org.junit.jupiter.api.Test;

/** What the harness's CSV files hold reads back, cell for cell, with the rules a spreadsheet applies (RFC 4180). */
class CsvTest {

    @Test
    void textWithCommasQuotesAndLineBreaksRoundTrips() {
        List<String> cells = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "\"quoted, already\"", "");

        assertThat(parse(Csv.row(cells))).containsExactlyElementsOf(cells);
    }

    @Test
    void numbersArePlainAndNullIsEmpty() {
        assertThat(Csv.row(Arrays.asList(3L, 7, 2.0, 0.1234, null, 12.5))).isEqualTo("3,7,2,0.123,,12.500");
    }

    @Test
    void aSummaryRowKeepsItsColumnsWhateverTheDetailSays() {
        String detail = "the server exited with \"code\" 3, see its log";
        ModelRun run = ModelRun.without(new ScheduledTrial(new ModelSetup(LabModel.POOL, List.of("--pool-size", "4,5")),
                1, 1), null, RunStatus.SERVER_FAILED, detail);

        List<String> cells = parse(SummaryCsv.row(run));

        assertThat(cells).hasSize(SummaryCsv.HEADER.split(",").length);
        assertThat(cells.get(2)).as("server_args").isEqualTo("--pool-size 4,5");
        assertThat(cells.getLast()).isEqualTo(detail);
    }

    /** One row read the RFC 4180 way: commas split cells outside quotes, a doubled quote is a quote. */
    private static List<String> parse(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
