package org.c10klab.harness.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How every CSV file of the harness writes its cells: numbers plainly, text quoted where RFC 4180 needs it. */
public final class Csv {

    private Csv() {
    }

    /** One row, without a line end: null is an empty cell, a number is {@link #number}, anything else {@link #text}. */
    public static String row(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(","));
    }

    /** A number as a cell: whole numbers without a decimal point, others to three decimals; null is empty. */
    public static String number(Number value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        double number = value.doubleValue();
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number) : String.format(Locale.ROOT, "%.3f", number);
    }

    /** A text cell, quoted when it holds a comma, a quote or a line break. */
    public static String text(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static String cell(Object value) {
        if (value instanceof Number number) {
            return number(number);
        }
        return value == null ? "" : text(value.toString());
    }
}
