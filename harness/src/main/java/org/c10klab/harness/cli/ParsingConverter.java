package org.c10klab.harness.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * A picocli converter over a parse method whose {@link IllegalArgumentException} already says, for the user,
 * what was wrong and what is expected; picocli then reports that message as the option's bad value.
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {

    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
