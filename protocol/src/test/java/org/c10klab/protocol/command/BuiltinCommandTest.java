package org.c10klab.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BuiltinCommand#find} matches names case-insensitively for ASCII letters only, as Redis does. */
class BuiltinCommandTest {

    private static BuiltinCommand find(String name) {
        return BuiltinCommand.find(name.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(BuiltinCommand.class)
    void findsEveryCommandInUpperLowerAndMixedCase(BuiltinCommand command) {
        String name = command.name();
        assertThat(find(name)).isSameAs(command);
        assertThat(find(name.toLowerCase())).isSameAs(command);
        assertThat(find(name.charAt(0) + name.substring(1).toLowerCase())).isSameAs(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ſet", "ſleep", "GET ", " GET", "GE", "GETT", "", "PİNG", "nope", "G\0T", "GE\u0014"})
    void findsNothingForNamesThatAreNotExactlyABuiltInUpToAsciiCase(String name) {
        assertThat(find(name)).isNull();
    }

    @Test
    void bytesThatAreNotLettersNeverMatchByCaseArithmetic() {
        // '[' + 32 is '{' and '@' + 32 is '`': neither pair is a letter case, so neither may match.
        assertThat(find("`ING")).isNull();
        assertThat(find("{ING")).isNull();
        assertThat(BuiltinCommand.find(new byte[] {(byte) ('P' + 128), 'I', 'N', 'G'})).isNull();
    }
}
