package org.c10klab.harness.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Renders an HTML report in headless Chromium, as a person would open it, for the report tests. */
final class ChromiumTestUtil {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private ChromiumTestUtil() {
    }

    /**
     * A screenshot of {@code page}, 1000 pixels wide and {@code height} high, kept at {@code screenshot} for a human
     * to look at; {@code workDir} holds Chromium's profile and log.
     */
    static BufferedImage screenshot(Path page, Path screenshot, int height, Path workDir)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": the report is not rendered");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + workDir.resolve("profile"),
                "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1000," + height, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        assertThat(screenshot).as(Files.readString(workDir.resolve("chromium.log"))).isNotEmptyFile();
        return ImageIO.read(screenshot.toFile());
    }

    /** How far a pixel is from grey: text, rules and borders are grey, chart lines and bars are colour. */
    static int saturation(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
    }
}
