package org.c10klab.harness.experiment;

import java.util.List;
import org.c10klab.harness.result.Environment;

/**
 * What the backlog experiment found, as written to backlog.json.
 *
 * @param settings   what was asked
 * @param repeat     trials asked per cell; a cell has fewer when Ctrl-C ended the experiment early
 * @param host       the machine, and the host's kernel settings
 * @param cells      one per backlog and burst size that ran, bursts outer, backlogs inner, each with its trials
 * @param advice     what backlog each burst needs, said from the cells' numbers
 * @param hostBefore the host's accept-queue settings before the first cell
 * @param hostAfter  the same after the last cell: equal, since settings change only inside namespaces
 * @param partial    true when Ctrl-C ended the experiment before every trial ran
 */
public record BacklogResult(BacklogSettings settings, int repeat, Environment host, List<BacklogCell> cells,
                            List<String> advice, HostSettings hostBefore, HostSettings hostAfter, boolean partial) {

    public BacklogResult {
        cells = List.copyOf(cells);
        advice = List.copyOf(advice);
    }

    /** True when the host's settings were the same after the experiment as before it. */
    public boolean hostUnchanged() {
        return hostBefore.equals(hostAfter);
    }
}
