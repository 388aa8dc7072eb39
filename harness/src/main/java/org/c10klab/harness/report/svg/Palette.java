package org.c10klab.harness.report.svg;

import java.util.List;

/** Colours for series and bar segments, distinguishable in print and for common colour blindness (Okabe-Ito). */
final class Palette {

    private static final List<String> COLOURS = List.of(
            "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000");

    private Palette() {
    }

    static String colour(int index) {
        return COLOURS.get(Math.floorMod(index, COLOURS.size()));
    }
}
