package org.c10klab.protocol.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.plugin.LoadedPlugin;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.IntegerReply;
import org.c10klab.protocol.resp.RespArray;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespValue;
import org.c10klab.protocol.resp.SimpleString;
import org.c10klab.protocol.store.LruStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the reply to each command; the same instance serves every connection of a server.
 * It never waits and never does socket work: SLEEP and WORK come back as {@link Reply.AfterSleep}
 * and {@link Reply.AfterWork} for the model to carry out. Names it does not know go to the
 * {@linkplain CommandPlugins plugins}, whose replies take the same way.
 */
public final class CommandExecutor {

    /** Every command name this executor implements, in upper case. */
    public static final Set<String> COMMAND_NAMES = Arrays.stream(BuiltinCommand.values())
            .map(BuiltinCommand::name).collect(Collectors.toUnmodifiableSet());

    // The replies of the commands a benchmark hammers, made once: no allocation per request.
    private static final Reply PONG = new Reply.Now(SimpleString.PONG);
    private static final Reply OK = new Reply.Now(SimpleString.OK);
    private static final Reply NOT_FOUND = new Reply.Now(BulkString.NULL);

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final LruStore store;
    private final ProtocolLimits limits;
    private final InfoSource info;
    private final CommandPlugins plugins;
    /** Plugins whose failure was logged with its stack trace; later failures log one line at debug. */
    private final Set<String> failuresLogged = ConcurrentHashMap.newKeySet();

    /** An executor of the built-in commands only. */
    public CommandExecutor(LruStore store, ProtocolLimits limits, InfoSource info) {
        this(store, limits, info, CommandPlugins.NONE);
    }

    /** An executor of the built-in commands and {@code plugins}, whose names never clash with them. */
    public CommandExecutor(LruStore store, ProtocolLimits limits, InfoSource info, CommandPlugins plugins) {
        this.store = store;
        this.limits = limits;
        this.info = info;
        this.plugins = plugins;
    }

    /** The reply to {@code command}; errors are replies too, never exceptions. */
    public Reply execute(RespCommand command) {
        return execute(command, BuiltinCommand.find(command.argument(0)));
    }

    /**
     * As {@link #execute(RespCommand)}, for a caller that resolved the name already.
     *
     * @param builtin {@code BuiltinCommand.find(command.argument(0))}: null for a plugin or unknown name
     */
    public Reply execute(RespCommand command, BuiltinCommand builtin) {
        if (builtin == null) {
            String name = command.name();
            LoadedPlugin plugin = plugins.find(name);
            return plugin != null ? plugin(plugin, command)
                    : now(ErrorReply.err("unknown command '" + ErrorText.quote(command.argument(0)) + "'"));
        }
        return switch (builtin) {
            case PING -> ping(command);
            case ECHO -> exactly(command, 2) ? now(new BulkString(command.argument(1))) : wrongArity(builtin);
            case SET -> set(command);
            case GET -> exactly(command, 2) ? get(command.argument(1)) : wrongArity(builtin);
            case DEL -> del(command);
            case SLEEP -> bounded(command, builtin, "SLEEP ms", limits.maxSleepMillis(),
                    millis -> new Reply.AfterSleep(millis, SimpleString.OK));
            case WORK -> bounded(command, builtin, "WORK micros", limits.maxWorkMicros(),
                    micros -> new Reply.AfterWork(micros, SimpleString.OK));
            case INFO -> command.arity() <= 2 ? now(BulkString.of(infoText())) : wrongArity(builtin);
            case QUIT -> new Reply.NowThenClose(SimpleString.OK);
            case COMMAND -> now(RespArray.EMPTY);
            case CONFIG -> config(command);
        };
    }

    /** The shared store, for servers that report its size. */
    public LruStore store() {
        return store;
    }

    private Reply ping(RespCommand command) {
        return switch (command.arity()) {
            case 1 -> PONG;
            case 2 -> now(new BulkString(command.argument(1)));
            default -> wrongArity(BuiltinCommand.PING);
        };
    }

    private Reply get(byte[] key) {
        BulkString value = store.get(key);
        return value.isNull() ? NOT_FOUND : now(value);
    }

    private Reply set(RespCommand command) {
        if (command.arity() < 3) {
            return wrongArity(BuiltinCommand.SET);
        }
        if (command.arity() > 3) {
            return now(ErrorReply.err("syntax error")); // SET's options (EX, NX, ...) are not supported
        }
        long size = (long) command.argument(1).length + command.argument(2).length;
        if (size > store.maxBytes()) {
            return now(ErrorReply.err(ProtocolLimits.exceeded("entry size", size, store.maxBytes())));
        }
        store.put(command.argument(1), command.argument(2));
        return OK;
    }

    private Reply del(RespCommand command) {
        if (command.arity() < 2) {
            return wrongArity(BuiltinCommand.DEL);
        }
        long removed = 0;
        for (int i = 1; i < command.arity(); i++) {
            if (store.remove(command.argument(i))) {
                removed++;
            }
        }
        return now(new IntegerReply(removed));
    }

    /** SLEEP and WORK: one non-negative integer argument up to {@code max}, then the model waits. */
    private Reply bounded(RespCommand command, BuiltinCommand builtin, String what, long max, LongFunction<Reply> reply) {
        if (!exactly(command, 2)) {
            return wrongArity(builtin);
        }
        // Redis's wording for both a non-integer and a negative duration.
        ErrorReply notAnInteger = ErrorReply.err("value is not an integer or out of range");
        long value;
        try {
            value = Long.parseLong(command.text(1));
        } catch (NumberFormatException e) {
            return now(notAnInteger);
        }
        if (value < 0) {
            return now(notAnInteger);
        }
        if (value > max) {
            return now(ErrorReply.err(ProtocolLimits.exceeded(what, value, max)));
        }
        return reply.apply(value);
    }

    /**
     * A plugin command, held to the rules of the built-ins: Redis's arity error, an error reply
     * instead of an exception, and the server's SLEEP and WORK maxima for any wait it asks for.
     */
    private Reply plugin(LoadedPlugin plugin, RespCommand command) {
        if (!plugin.arity().accepts(command.arity())) {
            return wrongArity(plugin.name());
        }
        Reply reply;
        try {
            reply = plugin.command().execute(command);
        } catch (RuntimeException | LinkageError e) {
            // One failing request must cost that request only, never the connection or the server.
            logFailure(plugin, e);
            return pluginFailed(plugin, e.toString());
        }
        if (reply == null || reply.value() == null) {
            return pluginFailed(plugin, "it returned no reply");
        }
        return switch (reply) {
            case Reply.AfterSleep sleep -> withinLimit(plugin, reply, "sleep ms", sleep.millis(), limits.maxSleepMillis());
            case Reply.AfterWork work -> withinLimit(plugin, reply, "work micros", work.micros(), limits.maxWorkMicros());
            case Reply.Now now -> reply;
            case Reply.NowThenClose thenClose -> reply;
        };
    }

    private Reply withinLimit(LoadedPlugin plugin, Reply reply, String what, long value, long max) {
        if (value < 0) {
            return pluginFailed(plugin, "it asked for a negative wait (" + what + ": " + value + ")");
        }
        if (value > max) {
            return now(ErrorReply.err(ProtocolLimits.exceeded(plugin.name() + " " + what, value, max)));
        }
        return reply;
    }

    /** The first failure of a plugin is logged with its stack trace, for its author; a flood of them is not. */
    private void logFailure(LoadedPlugin plugin, Throwable failure) {
        if (failuresLogged.add(plugin.name())) {
            log.warn("plugin command {} from {} failed; it answers -ERR (later failures are logged at debug)",
                    plugin.name(), plugin.jar(), failure);
        } else {
            log.debug("plugin command {} failed: {}", plugin.name(), failure.toString());
        }
    }

    private static Reply pluginFailed(LoadedPlugin plugin, String why) {
        return now(ErrorReply.err("plugin command '" + plugin.name().toLowerCase(Locale.ROOT) + "' failed: "
                + ErrorText.oneLine(why)));
    }

    private Reply config(RespCommand command) {
        if (command.arity() < 2) {
            return wrongArity(BuiltinCommand.CONFIG);
        }
        String sub = command.text(1).toLowerCase(Locale.ROOT);
        if (!sub.equals("get")) {
            return now(ErrorReply.err("unknown subcommand '" + ErrorText.quote(command.argument(1)) + "'. Try CONFIG GET."));
        }
        if (command.arity() != 3) {
            return now(ErrorReply.err("wrong number of arguments for 'config|get' command"));
        }
        // redis-benchmark reads both before it starts and fails on any other shape.
        return switch (command.text(2).toLowerCase(Locale.ROOT)) {
            case "save" -> now(RespArray.of(BulkString.of("save"), BulkString.EMPTY));
            case "appendonly" -> now(RespArray.of(BulkString.of("appendonly"), BulkString.of("no")));
            default -> now(RespArray.EMPTY);
        };
    }

    private String infoText() {
        StringBuilder text = new StringBuilder("# Server\r\n");
        appendFields(text, info.serverFields());
        text.append("# Store\r\n")
                .append("keys:").append(store.size()).append("\r\n")
                .append("bytes:").append(store.bytes()).append("\r\n")
                .append("hits:").append(store.hits()).append("\r\n")
                .append("misses:").append(store.misses()).append("\r\n")
                .append("evictions:").append(store.evictions()).append("\r\n")
                .append("# Limits\r\n")
                .append("max_bulk_bytes:").append(limits.maxBulkBytes()).append("\r\n")
                .append("max_inline_bytes:").append(limits.maxInlineBytes()).append("\r\n")
                .append("max_arguments:").append(limits.maxArguments()).append("\r\n")
                .append("max_sleep_ms:").append(limits.maxSleepMillis()).append("\r\n")
                .append("max_work_us:").append(limits.maxWorkMicros()).append("\r\n")
                .append("store_max_entries:").append(limits.storeMaxEntries()).append("\r\n")
                .append("store_max_bytes:").append(limits.storeMaxBytes()).append("\r\n");
        if (!plugins.isEmpty()) {
            // One line per plugin command, as Redis lists its modules.
            text.append("# Plugins\r\n");
            for (LoadedPlugin plugin : plugins.all()) {
                text.append("plugin:name=").append(plugin.name()).append(",arity=").append(plugin.arity())
                        .append(",jar=").append(plugin.jar()).append("\r\n");
            }
        }
        return text.toString();
    }

    private static void appendFields(StringBuilder text, Map<String, Object> fields) {
        fields.forEach((key, value) -> text.append(key).append(':').append(value).append("\r\n"));
    }

    private static boolean exactly(RespCommand command, int arity) {
        return command.arity() == arity;
    }

    private static Reply wrongArity(BuiltinCommand builtin) {
        return wrongArity(builtin.name());
    }

    private static Reply wrongArity(String name) {
        return now(ErrorReply.err("wrong number of arguments for '" + name.toLowerCase(Locale.ROOT) + "' command"));
    }

    private static Reply now(RespValue value) {
        return new Reply.Now(value);
    }
}
