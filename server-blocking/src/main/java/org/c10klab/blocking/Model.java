package org.c10klab.blocking;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/** The four ways a blocking server can hold a connection; the lower-case name is the CLI value and metrics tag. */
public enum Model {

    /** The accept thread serves one connection until it closes; everyone else waits in the accept queue. */
    SERIAL,
    /** A new platform thread per connection. */
    THREADS,
    /** One of a fixed number of platform threads, admitted within a timeout. */
    POOL,
    /** A new virtual thread per connection. */
    VIRTUAL;

    /** The name on the command line, in INFO and in the {@code model} tag, e.g. {@code virtual}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Picocli prints defaults with {@code toString()}, so it shows the CLI name. */
    @Override
    public String toString() {
        return cliName();
    }

    /**
     * The model with CLI name {@code text}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static Model fromCliName(String text) {
        for (Model model : values()) {
            if (model.cliName().equalsIgnoreCase(text.trim())) {
                return model;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a model (expected one of: " + String.join(", ", new CliNames()) + ")");
    }

    /** Parses {@code --model} values with {@link #fromCliName}. */
    public static final class Converter implements CommandLine.ITypeConverter<Model> {

        @Override
        public Model convert(String text) {
            return fromCliName(text);
        }
    }

    /** The CLI names, for picocli's {@code ${COMPLETION-CANDIDATES}} in help. */
    public static final class CliNames implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Model::cliName).iterator();
        }
    }
}
