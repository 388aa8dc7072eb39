package org.c10klab.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.wire;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.plugin.LoadedPlugin;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.SimpleString;
import org.c10klab.protocol.store.LruStore;
import org.junit.jupiter.api.Test;

/** {@link CommandExecutor} runs plugin commands under the built-ins' rules: arity, errors, limits. */
class PluginDispatchTest {

    private static final ProtocolLimits LIMITS = new ProtocolLimits(1024, 1024, 16, 1_000, 2_000, 10, 1_000);

    private final CommandExecutor executor = new CommandExecutor(new LruStore(10, 1_000), LIMITS, Map::of,
            new CommandPlugins(List.of(
                    plugin("REVERSE", Arity.exactly(2),
                            c -> new Reply.Now(BulkString.of(new StringBuilder(c.text(1)).reverse().toString()))),
                    plugin("NAP", Arity.exactly(2), c -> new Reply.AfterSleep(Long.parseLong(c.text(1)), SimpleString.OK)),
                    plugin("CHEW", Arity.exactly(2), c -> new Reply.AfterWork(Long.parseLong(c.text(1)), SimpleString.OK)),
                    plugin("BYE", Arity.atLeast(1), c -> new Reply.NowThenClose(SimpleString.OK)),
                    plugin("BOOM", Arity.atLeast(1), c -> {
                        throw new IllegalStateException("kaput\r\nsecond line");
                    }),
                    plugin("NOTHING", Arity.atLeast(1), c -> null))));

    private static LoadedPlugin plugin(String name, Arity arity, Function<RespCommand, Reply> execute) {
        CommandPlugin command = new CommandPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Arity arity() {
                return arity;
            }

            @Override
            public Reply execute(RespCommand request) {
                return execute.apply(request);
            }
        };
        return new LoadedPlugin(name, arity, "test.jar", command);
    }

    private Reply run(String... words) {
        return executor.execute(RespCommand.of(words));
    }

    @Test
    void aPluginAnswersUnderItsNameInAnyCase() {
        assertThat(wire(run("REVERSE", "abc"))).isEqualTo("$3\r\ncba\r\n");
        assertThat(wire(run("reVerse", "xy"))).isEqualTo("$2\r\nyx\r\n");
        assertThat(wire(run("PING"))).isEqualTo("+PONG\r\n");
        assertThat(wire(run("LOWER", "x"))).isEqualTo("-ERR unknown command 'LOWER'\r\n");
    }

    @Test
    void theArityIsCheckedWithRedisWording() {
        assertThat(wire(run("REVERSE"))).isEqualTo("-ERR wrong number of arguments for 'reverse' command\r\n");
        assertThat(wire(run("reverse", "a", "b"))).isEqualTo("-ERR wrong number of arguments for 'reverse' command\r\n");
    }

    @Test
    void aPluginThatThrowsOrAnswersNothingGetsAnErrorReplyAndTheExecutorLivesOn() {
        assertThat(wire(run("BOOM")))
                .isEqualTo("-ERR plugin command 'boom' failed: java.lang.IllegalStateException: kaput  second line\r\n");
        assertThat(wire(run("BOOM", "again"))).startsWith("-ERR plugin command 'boom' failed");
        assertThat(wire(run("NOTHING"))).isEqualTo("-ERR plugin command 'nothing' failed: it returned no reply\r\n");
        assertThat(wire(run("REVERSE", "ok"))).isEqualTo("$2\r\nko\r\n");
    }

    @Test
    void aPluginWaitIsAReplyAfterADelayHeldToTheServerLimits() {
        assertThat(run("NAP", "1000")).isEqualTo(new Reply.AfterSleep(1_000, SimpleString.OK));
        assertThat(wire(run("NAP", "1001"))).isEqualTo("-ERR NAP sleep ms: 1001 (expected: <= 1000)\r\n");
        assertThat(wire(run("NAP", "-1")))
                .isEqualTo("-ERR plugin command 'nap' failed: it asked for a negative wait (sleep ms: -1)\r\n");
        assertThat(run("CHEW", "2000")).isEqualTo(new Reply.AfterWork(2_000, SimpleString.OK));
        assertThat(wire(run("CHEW", "2001"))).isEqualTo("-ERR CHEW work micros: 2001 (expected: <= 2000)\r\n");
        assertThat(run("BYE")).isEqualTo(new Reply.NowThenClose(SimpleString.OK));
    }

    @Test
    void infoListsEveryPluginCommandWithItsJar() {
        String info = ((BulkString) run("INFO").value()).text();
        assertThat(info).contains("# Plugins\r\nplugin:name=REVERSE,arity=2,jar=test.jar\r\n"
                + "plugin:name=NAP,arity=2,jar=test.jar\r\n")
                .contains("plugin:name=BYE,arity=1+,jar=test.jar\r\n");
        CommandExecutor plain = new CommandExecutor(new LruStore(10, 1_000), LIMITS, Map::of);
        assertThat(((BulkString) plain.execute(RespCommand.of("INFO")).value()).text()).doesNotContain("Plugins");
    }
}
