package org.c10klab.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.IntegerReply;
import org.c10klab.protocol.resp.RespArray;
import org.c10klab.protocol.resp.RespCommand;
import org.c10klab.protocol.resp.RespEncoder;
import org.c10klab.protocol.resp.RespRequestDecoder;
import org.c10klab.protocol.resp.RespValue;
import org.c10klab.protocol.resp.SimpleString;
import org.c10klab.protocol.store.LruStore;

/** Helpers the protocol tests share: wire bytes, decoding in chunks, random inputs and Netty's codec as an oracle. */
public final class ProtocolTestUtil {

    /** Small limits so hostile tests cross them cheaply. */
    public static final ProtocolLimits SMALL_LIMITS = new ProtocolLimits(16, 32, 4, 1_000, 2_000, 8, 256);

    private ProtocolTestUtil() {
    }

    /** The UTF-8 bytes of {@code text}; RESP test frames are written as Java strings. */
    public static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Wire bytes shown readably: CR and LF escaped, for assertion messages. */
    public static String show(byte[] wire) {
        return new String(wire, UTF_8).replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The wire text of {@code value} as {@link RespEncoder} writes it. */
    public static String wire(RespValue value) {
        return new String(RespEncoder.encode(value), UTF_8);
    }

    /** The wire text of the value a reply carries. */
    public static String wire(Reply reply) {
        return wire(reply.value());
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A request as a client sends it: a RESP array of bulk strings. */
    public static byte[] encodeRequest(RespCommand command) {
        List<RespValue> bulks = new ArrayList<>();
        for (byte[] argument : command.arguments()) {
            bulks.add(new BulkString(argument));
        }
        return RespEncoder.encode(new RespArray(bulks));
    }

    /** Feeds {@code chunks} in order to a fresh decoder with default limits and returns every command. */
    public static List<RespCommand> decodeChunks(List<byte[]> chunks) {
        return decodeChunks(new RespRequestDecoder(ProtocolLimits.DEFAULTS), chunks);
    }

    /** Feeds {@code chunks} in order to {@code decoder} and returns every command it completes. */
    public static List<RespCommand> decodeChunks(RespRequestDecoder decoder, List<byte[]> chunks) {
        List<RespCommand> commands = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ByteBuffer in = ByteBuffer.wrap(chunk);
            RespCommand command;
            while ((command = decoder.decode(in)) != null) {
                commands.add(command);
            }
            if (in.hasRemaining()) {
                throw new AssertionError("decoder returned null with " + in.remaining() + " bytes unread");
            }
        }
        return commands;
    }

    /**
     * Asserts that {@code decoder} holds no partial command: a PING fed to it next decodes as exactly
     * PING, which a leftover line or frame would swallow, corrupt or reject.
     */
    public static void assertNothingLeftOver(RespRequestDecoder decoder) {
        assertThat(decodeChunks(decoder, whole(bytes("*1\r\n$4\r\nPING\r\n")))).as("a PING decoded after it")
                .containsExactly(RespCommand.of("PING"));
    }

    /** {@code wire} as one chunk. */
    public static List<byte[]> whole(byte[] wire) {
        return List.of(wire);
    }

    /** {@code wire} one byte per chunk. */
    public static List<byte[]> byteByByte(byte[] wire) {
        List<byte[]> chunks = new ArrayList<>(wire.length);
        for (byte b : wire) {
            chunks.add(new byte[] {b});
        }
        return chunks;
    }

    /** {@code wire} cut in two at {@code index}. */
    public static List<byte[]> splitAt(byte[] wire, int index) {
        return List.of(Arrays.copyOfRange(wire, 0, index), Arrays.copyOfRange(wire, index, wire.length));
    }

    /** {@code wire} cut at random points into chunks of 0 to {@code maxChunk} bytes (empty chunks included). */
    public static List<byte[]> splitRandomly(byte[] wire, Random random, int maxChunk) {
        List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(wire.length - at, random.nextInt(maxChunk + 1));
            chunks.add(Arrays.copyOfRange(wire, at, at + n));
            at += n;
        }
        return chunks;
    }

    /** Random bytes of length 0 to {@code maxLength}, rich in CR, LF, '$' and '*' so they look like framing. */
    public static byte[] randomBytes(Random random, int maxLength) {
        byte[] framing = {'\r', '\n', '$', '*', '-', ':', '+', '0', ' '};
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? framing[random.nextInt(framing.length)] : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A command of 1 to {@code maxArguments} random binary words, empty words included. */
    public static RespCommand randomCommand(Random random, int maxArguments, int maxArgumentLength) {
        int count = 1 + random.nextInt(maxArguments);
        List<byte[]> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arguments.add(randomBytes(random, maxArgumentLength));
        }
        return new RespCommand(arguments);
    }

    /** A random reply tree: every RESP2 type, null and empty forms, nested arrays up to {@code depth}. */
    public static RespValue randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> new SimpleString(randomLineText(random));
            case 1 -> new ErrorReply("ERR " + randomLineText(random));
            case 2 -> new IntegerReply(switch (random.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> random.nextInt(21) - 10;
                default -> random.nextLong();
            });
            case 3 -> random.nextInt(8) == 0 ? BulkString.NULL : new BulkString(randomBytes(random, 40));
            case 4 -> random.nextBoolean() ? BulkString.EMPTY : new BulkString(randomBytes(random, 3));
            case 5 -> random.nextInt(8) == 0 ? new RespArray(null) : randomArray(random, depth);
            default -> randomArray(random, depth);
        };
    }

    private static RespArray randomArray(Random random, int depth) {
        int size = random.nextInt(5);
        List<RespValue> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(randomValue(random, depth - 1));
        }
        return new RespArray(elements);
    }

    /** Text without CR or LF, including non-ASCII code points, for simple strings and errors. */
    private static String randomLineText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(3)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x700);
                default -> 0x1f600 + random.nextInt(0x40);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** An executor over a fresh store with the given limits and a fixed INFO server section. */
    public static CommandExecutor executor(ProtocolLimits limits) {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("model", "test");
        fields.put("connections_open", 3);
        return new CommandExecutor(new LruStore(limits.storeMaxEntries(), limits.storeMaxBytes()), limits, () -> fields);
    }

    /** Netty's reply decoder pipeline: {@code RedisDecoder(true)} with both aggregators. */
    public static EmbeddedChannel nettyReplyDecoder() {
        return new EmbeddedChannel(new RedisDecoder(true), new RedisBulkStringAggregator(), new RedisArrayAggregator());
    }

    /** Every whole message Netty's decoder reads from {@code wire}, fed in {@code chunks}, as our values. */
    public static List<RespValue> nettyDecode(List<byte[]> chunks) {
        EmbeddedChannel channel = nettyReplyDecoder();
        try {
            for (byte[] chunk : chunks) {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
            List<RespValue> values = new ArrayList<>();
            RedisMessage message;
            while ((message = channel.readInbound()) != null) {
                try {
                    values.add(fromNetty(message));
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
            return values;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** What Netty's {@code RedisEncoder} writes for {@code command} as an array of full bulk strings. */
    public static byte[] nettyEncodeRequest(RespCommand command) {
        EmbeddedChannel channel = new EmbeddedChannel(new RedisEncoder());
        try {
            List<RedisMessage> children = new ArrayList<>();
            for (byte[] argument : command.arguments()) {
                children.add(new FullBulkStringRedisMessage(Unpooled.copiedBuffer(argument)));
            }
            channel.writeOutbound(new ArrayRedisMessage(children));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuf buf;
            while ((buf = channel.readOutbound()) != null) {
                try {
                    out.writeBytes(ByteBufUtil.getBytes(buf));
                } finally {
                    buf.release();
                }
            }
            return out.toByteArray();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Netty's aggregated message as our value type; does not release {@code message}. */
    public static RespValue fromNetty(RedisMessage message) {
        return switch (message) {
            case SimpleStringRedisMessage s -> new SimpleString(s.content());
            case ErrorRedisMessage e -> new ErrorReply(e.content());
            case IntegerRedisMessage i -> new IntegerReply(i.value());
            case FullBulkStringRedisMessage b when b.isNull() -> BulkString.NULL;
            case FullBulkStringRedisMessage b -> new BulkString(ByteBufUtil.getBytes(b.content()));
            case ArrayRedisMessage a when a.isNull() -> new RespArray(null);
            case ArrayRedisMessage a -> new RespArray(a.children().stream().map(ProtocolTestUtil::fromNetty).toList());
            default -> throw new AssertionError("unexpected Netty message " + message);
        };
    }
}
