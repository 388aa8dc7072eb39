package org.c10klab.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.executor;
import static org.c10klab.protocol.ProtocolTestUtil.wire;

import java.util.List;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.SimpleString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each command and each error of {@link CommandExecutor}, down to the exact reply bytes. */
class CommandExecutorTest {

    private final CommandExecutor executor = executor(ProtocolLimits.DEFAULTS);

    private Reply run(String... words) {
        return executor.execute(RespCommand.of(words));
    }

    @Test
    void pingAnswersPong() {
        Reply reply = run("PING");
        assertThat(reply).isInstanceOf(Reply.Now.class);
        assertThat(wire(reply)).isEqualTo("+PONG\r\n");
    }

    @Test
    void pingWithMessageEchoesItAsBulk() {
        assertThat(wire(run("PING", "hello world"))).isEqualTo("$11\r\nhello world\r\n");
    }

    @Test
    void echoReturnsItsArgumentAsBulk() {
        assertThat(wire(run("ECHO", "hi"))).isEqualTo("$2\r\nhi\r\n");
        assertThat(wire(run("ECHO", ""))).isEqualTo("$0\r\n\r\n");
    }

    @Test
    void echoKeepsBinaryBytes() {
        byte[] payload = {0, '\r', '\n', (byte) 0xff};
        Reply reply = executor.execute(new RespCommand(List.of("ECHO".getBytes(), payload)));
        assertThat(RespEncoder.encode(reply.value()))
                .containsExactly('$', '4', '\r', '\n', 0, '\r', '\n', (byte) 0xff, '\r', '\n');
    }

    @Test
    void setThenGetThenDel() {
        assertThat(wire(run("GET", "k"))).isEqualTo("$-1\r\n");
        assertThat(wire(run("SET", "k", "value"))).isEqualTo("+OK\r\n");
        assertThat(wire(run("GET", "k"))).isEqualTo("$5\r\nvalue\r\n");
        assertThat(wire(run("SET", "k", ""))).isEqualTo("+OK\r\n");
        assertThat(wire(run("GET", "k"))).isEqualTo("$0\r\n\r\n");
        assertThat(wire(run("DEL", "k"))).isEqualTo(":1\r\n");
        assertThat(wire(run("GET", "k"))).isEqualTo("$-1\r\n");
        assertThat(wire(run("DEL", "k"))).isEqualTo(":0\r\n");
    }

    @Test
    void delCountsOnlyKeysThatExisted() {
        run("SET", "a", "1");
        run("SET", "b", "2");
        run("SET", "c", "3");
        assertThat(wire(run("DEL", "a", "missing", "c", "a"))).isEqualTo(":2\r\n");
        assertThat(wire(run("GET", "b"))).isEqualTo("$1\r\n2\r\n");
        assertThat(executor.store().size()).isEqualTo(1);
    }

    @Test
    void setWithOptionsIsASyntaxError() {
        assertThat(wire(run("SET", "k", "v", "EX", "10"))).isEqualTo("-ERR syntax error\r\n");
        assertThat(wire(run("GET", "k"))).isEqualTo("$-1\r\n");
    }

    @Test
    void setLargerThanTheStoreIsRefusedWithTheLimitTemplate() {
        CommandExecutor small = executor(new ProtocolLimits(1024, 1024, 16, 10, 10, 4, 10));
        assertThat(wire(small.execute(RespCommand.of("SET", "key", "1234567")))).isEqualTo("+OK\r\n");
        assertThat(wire(small.execute(RespCommand.of("SET", "key", "12345678"))))
                .isEqualTo("-ERR entry size: 11 (expected: <= 10)\r\n");
        assertThat(wire(small.execute(RespCommand.of("GET", "key")))).isEqualTo("$7\r\n1234567\r\n");
    }

    @Test
    void sleepIsAReplyAfterADelayAndNeverSleepsItself() {
        long start = System.nanoTime();
        Reply reply = run("SLEEP", "60000");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply).isEqualTo(new Reply.AfterSleep(60_000, SimpleString.OK));
        assertThat(tookMillis).isLessThan(1_000);
        assertThat(wire(reply)).isEqualTo("+OK\r\n");
        assertThat(run("SLEEP", "0")).isEqualTo(new Reply.AfterSleep(0, SimpleString.OK));
    }

    @Test
    void workIsAReplyAfterBurningCpu() {
        assertThat(run("WORK", "1000000"))
                .isEqualTo(new Reply.AfterWork(1_000_000, SimpleString.OK));
        assertThat(run("work", "7")).isEqualTo(new Reply.AfterWork(7, SimpleString.OK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "", " 5", "9223372036854775808", "0x10"})
    void sleepAndWorkRejectNegativeAndNonIntegerValues(String value) {
        String expected = "-ERR value is not an integer or out of range\r\n";
        assertThat(wire(run("SLEEP", value))).isEqualTo(expected);
        assertThat(wire(run("WORK", value))).isEqualTo(expected);
    }

    @Test
    void sleepAndWorkOverTheirMaximaGetTheLimitTemplate() {
        assertThat(wire(run("SLEEP", "60001"))).isEqualTo("-ERR SLEEP ms: 60001 (expected: <= 60000)\r\n");
        assertThat(wire(run("WORK", "1000001"))).isEqualTo("-ERR WORK micros: 1000001 (expected: <= 1000000)\r\n");
    }

    @Test
    void infoReportsServerStoreAndLimitFields() {
        run("SET", "k", "vv");
        run("GET", "k");
        run("GET", "nope");
        Reply reply = run("INFO");
        assertThat(reply).isInstanceOf(Reply.Now.class);
        String text = ((BulkString) reply.value()).text();
        assertThat(text).startsWith("# Server\r\nmodel:test\r\nconnections_open:3\r\n")
                .contains("# Store\r\n", "keys:1\r\n", "bytes:3\r\n", "hits:1\r\n", "misses:1\r\n", "evictions:0\r\n")
                .contains("# Limits\r\n", "max_bulk_bytes:1048576\r\n", "max_inline_bytes:65536\r\n",
                        "max_arguments:1024\r\n", "max_sleep_ms:60000\r\n", "max_work_us:1000000\r\n",
                        "store_max_entries:100000\r\n", "store_max_bytes:67108864\r\n")
                .endsWith("\r\n");
        assertThat(wire(reply)).startsWith("$" + text.length() + "\r\n# Server");
        assertThat(wire(run("INFO", "server"))).startsWith("$");
    }

    @Test
    void quitRepliesOkThenCloses() {
        Reply reply = run("QUIT");
        assertThat(reply).isInstanceOf(Reply.NowThenClose.class);
        assertThat(wire(reply)).isEqualTo("+OK\r\n");
    }

    @Test
    void commandIsAnEmptyArray() {
        assertThat(wire(run("COMMAND"))).isEqualTo("*0\r\n");
        assertThat(wire(run("COMMAND", "DOCS"))).isEqualTo("*0\r\n");
    }

    @Test
    void configGetAnswersWhatRedisBenchmarkAsks() {
        assertThat(wire(run("CONFIG", "GET", "save"))).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
        assertThat(wire(run("config", "get", "APPENDONLY"))).isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
        assertThat(wire(run("CONFIG", "GET", "maxmemory"))).isEqualTo("*0\r\n");
    }

    @Test
    void configErrors() {
        assertThat(wire(run("CONFIG"))).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
        assertThat(wire(run("CONFIG", "GET"))).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
        assertThat(wire(run("CONFIG", "SET", "save", "")))
                .isEqualTo("-ERR unknown subcommand 'SET'. Try CONFIG GET.\r\n");
    }

    @Test
    void unknownCommandQuotesTheNameAsSent() {
        assertThat(wire(run("x"))).isEqualTo("-ERR unknown command 'x'\r\n");
        assertThat(wire(run("FlushAll", "now"))).isEqualTo("-ERR unknown command 'FlushAll'\r\n");
    }

    @Test
    void unknownCommandWithLineBreaksStillGivesOneErrorLine() {
        Reply reply = executor.execute(new RespCommand(List.of("a\r\nb".getBytes(), "c".getBytes())));
        assertThat(wire(reply)).isEqualTo("-ERR unknown command 'a  b'\r\n");
        assertThat(wire(run("CONFIG", "x\ny", "z"))).isEqualTo("-ERR unknown subcommand 'x y'. Try CONFIG GET.\r\n");
    }

    @Test
    void anUnknownNameIsQuotedUpTo128BytesAsRedisDoes() {
        String name = "x".repeat(60_000);
        assertThat(wire(run(name, "arg"))).isEqualTo("-ERR unknown command '" + "x".repeat(128) + "'\r\n");
        assertThat(wire(run("CONFIG", name))).isEqualTo("-ERR unknown subcommand '" + "x".repeat(128) + "'. Try CONFIG GET.\r\n");
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedNotReplaced() {
        byte[] name = {'a', (byte) 0xff, 'b', (byte) 0xc3}; // 0xc3 starts a two-byte character that never ends
        Reply reply = executor.execute(new RespCommand(List.of(name)));
        assertThat(wire(reply)).isEqualTo("-ERR unknown command 'a\\xffb\\xc3'\r\n");

        // A character cut in half at the 128-byte limit: its first byte is escaped, no U+FFFD.
        String cut = "y".repeat(127) + "\u00e9";
        assertThat(wire(run(cut))).isEqualTo("-ERR unknown command '" + "y".repeat(127) + "\\xc3'\r\n");
    }

    @Test
    void onlyAsciiLettersFoldCase() {
        // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S' in Java; Redis would not run SET for it.
        assertThat(wire(run("\u017Fet", "k", "v"))).isEqualTo("-ERR unknown command '\u017Fet'\r\n");
        assertThat(executor.store().size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET|get",
            "GET a b|get",
            "ECHO|echo",
            "ECHO a b|echo",
            "SET k|set",
            "SET|set",
            "DEL|del",
            "PING a b|ping",
            "SLEEP|sleep",
            "SLEEP 1 2|sleep",
            "WORK|work",
            "INFO a b|info",
            "gEt|get"})
    void wrongArityNamesTheCommandInLowerCase(String words, String name) {
        assertThat(wire(run(words.split(" "))))
                .isEqualTo("-ERR wrong number of arguments for '" + name + "' command\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "Ping", "pInG", "PING"})
    void namesAreCaseInsensitive(String name) {
        assertThat(wire(run(name))).isEqualTo("+PONG\r\n");
    }

    @Test
    void everyNamedCommandIsImplemented() {
        for (String name : CommandExecutor.COMMAND_NAMES) {
            assertThat(wire(run(name))).as(name).doesNotStartWith("-ERR unknown command");
        }
    }
}
