package org.c10klab.harness.result;

/** How a result's decimals are rounded: to thousandths, so its JSON and tables carry no floating-point noise. */
public final class Rounding {

    private Rounding() {
    }

    /** {@code value} rounded to three decimals, half up. */
    public static double thousandths(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
