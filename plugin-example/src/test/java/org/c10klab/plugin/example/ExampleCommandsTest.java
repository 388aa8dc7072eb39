package org.c10klab.plugin.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.RespCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example commands' replies, and their registration where ServiceLoader looks for it. */
class ExampleCommandsTest {

    private final UpperCommand upper = new UpperCommand();
    private final SlowEchoCommand slowEcho = new SlowEchoCommand();

    @Test
    void bothCommandsAreRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(CommandPlugin.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(UpperCommand.class, SlowEchoCommand.class);
    }

    @Test
    void upperAnswersAtOnceWithTheMessageUpperCased() {
        assertThat(upper.name()).isEqualTo("UPPER");
        assertThat(upper.arity()).isEqualTo(Arity.exactly(2));
        assertThat(upper.execute(RespCommand.of("upper", "Hello, straße")))
                .isEqualTo(new Reply.Now(BulkString.of("HELLO, STRASSE")));
        assertThat(upper.execute(RespCommand.of("UPPER", ""))).isEqualTo(new Reply.Now(BulkString.EMPTY));
    }

    @Test
    void slowEchoIsAReplyAfterADelayAndNeverSleepsItself() {
        long start = System.nanoTime();
        Reply reply = slowEcho.execute(RespCommand.of("SLOWECHO", "60000", "late"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
        assertThat(reply).isEqualTo(new Reply.AfterSleep(60_000, BulkString.of("late")));
        assertThat(slowEcho.arity()).isEqualTo(Arity.exactly(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "soon", "", "1.5"})
    void slowEchoRefusesADelayThatIsNotANonNegativeInteger(String millis) {
        assertThat(slowEcho.execute(RespCommand.of("SLOWECHO", millis, "x")))
                .isEqualTo(new Reply.Now(ErrorReply.err("value is not an integer or out of range")));
    }
}
