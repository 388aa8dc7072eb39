package org.c10klab.harness.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.c10klab.harness.experiment.ComparePlan;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.Comparison;
import org.c10klab.harness.experiment.ExperimentTestUtil;
import org.c10klab.harness.experiment.LabModel;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.report.CompareFormat;
import org.c10klab.harness.report.CompareProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a real small comparison, loaded in headless Chromium: the page is self-contained and its
 * charts actually draw. The screenshot is kept in target/chromium/ for a human to look at.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CompareReportChromiumTest {

    private static final Path SCREENSHOT = Path.of("target", "chromium", "compare-report.png");
    /** The charts are the only colour on the page; text, rules and table borders are grey. */
    private static final int SATURATION = 80;
    /** The palette's first three colours: the first three models or segments of every chart. */
    private static final List<Integer> PALETTE = List.of(0x0072B2, 0xE69F00, 0x009E73);

    @Test
    void aRealComparisonsReportIsSelfContainedAndItsChartsDrawInChromium(@TempDir Path dir) throws Exception {
        // Serial needs 2 s for this flood, so a 1 s response timeout gives its bars a second colour.
        ComparePlan plan = ExperimentTestUtil.plan(ExperimentTestUtil.flood("-c", "20", "-n", "2",
                        "--command", "SLEEP 50", "--response-timeout", "1s"), Duration.ofSeconds(5),
                new ModelSetup(LabModel.NETTY, List.of()), new ModelSetup(LabModel.SERIAL, List.of()));
        CompareResult result = new Comparison(plan, List.of(), CompareProgress.SILENT).run("./c10k compare (test)");
        CompareFormat.writeAll(result, dir);
        Path report = dir.resolve("report.html");

        String html = Files.readString(report);
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(8);
        assertThat(html).doesNotContain("<script", " src=", "@import", "url(")
                .doesNotContainPattern("href=\"(https?:)?//");

        BufferedImage shot = ChromiumTestUtil.screenshot(report, SCREENSHOT, 2000, dir);
        long coloured = 0;
        int firstColouredRow = -1;
        List<Long> palette = new ArrayList<>(Collections.nCopies(PALETTE.size(), 0L));
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                if (ChromiumTestUtil.saturation(rgb) > SATURATION) {
                    coloured++;
                    firstColouredRow = firstColouredRow < 0 ? y : firstColouredRow;
                }
                int index = PALETTE.indexOf(rgb);
                if (index >= 0) {
                    palette.set(index, palette.get(index) + 1);
                }
            }
        }
        assertThat(coloured).as("coloured pixels: the bars and lines").isGreaterThan(20_000);
        assertThat(firstColouredRow).as("the charts come after the verdict and the table").isGreaterThan(300);
        assertThat(palette).as("pixels of the palette's first three colours").allMatch(count -> count > 500);
    }
}
