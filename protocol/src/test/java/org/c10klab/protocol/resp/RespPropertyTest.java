package org.c10klab.protocol.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.c10klab.protocol.ProtocolTestUtil.assertNothingLeftOver;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;
import static org.c10klab.protocol.ProtocolTestUtil.decodeChunks;
import static org.c10klab.protocol.ProtocolTestUtil.encodeRequest;
import static org.c10klab.protocol.ProtocolTestUtil.nettyDecode;
import static org.c10klab.protocol.ProtocolTestUtil.randomCommand;
import static org.c10klab.protocol.ProtocolTestUtil.randomValue;
import static org.c10klab.protocol.ProtocolTestUtil.splitRandomly;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.c10klab.protocol.ProtocolLimits;
import org.c10klab.protocol.ProtocolTestUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random properties: request streams re-split anywhere decode the same, and random replies round-trip through Netty's decoder. */
class RespPropertyTest {

    /** 300 fixed seeds: a failure names its seed, and re-running that seed reproduces it. */
    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> 0xC10CL * 1_000_003L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomCommandSequencesReSplitAtRandomPointsDecodeToTheSameCommands(long seed) {
        Random random = new Random(seed);
        List<RespCommand> sent = new ArrayList<>();
        List<byte[]> parts = new ArrayList<>();
        int count = 1 + random.nextInt(20);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(10)) {
                // Keep-alives a client may interleave; neither is a command.
                case 0 -> parts.add(bytes("\r\n"));
                case 1 -> parts.add(bytes("*0\r\n"));
                default -> { }
            }
            RespCommand command = randomCommand(random, 6, 40);
            sent.add(command);
            parts.add(encodeRequest(command));
        }
        byte[] wire = ProtocolTestUtil.concat(parts);

        RespRequestDecoder decoder = new RespRequestDecoder(ProtocolLimits.DEFAULTS);
        List<byte[]> chunks = splitRandomly(wire, random, 1 + random.nextInt(64));
        assertThat(decodeChunks(decoder, chunks)).as("seed %d, %d chunks", seed, chunks.size()).isEqualTo(sent);
        assertNothingLeftOver(decoder);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomRepliesRoundTripThroughNettysDecoder(long seed) {
        Random random = new Random(seed);
        List<RespValue> sent = new ArrayList<>();
        List<byte[]> parts = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            RespValue value = randomValue(random, 3);
            sent.add(value);
            parts.add(RespEncoder.encode(value));
        }
        byte[] wire = ProtocolTestUtil.concat(parts);
        List<byte[]> chunks = splitRandomly(wire, random, 1 + random.nextInt(32));
        assertThat(nettyDecode(chunks)).as("seed %d: %s", seed, ProtocolTestUtil.show(wire)).isEqualTo(sent);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void requestsNettyEncodesDecodeToTheSameCommands(long seed) {
        Random random = new Random(seed);
        RespCommand command = randomCommand(random, 8, 64);
        byte[] wire = ProtocolTestUtil.nettyEncodeRequest(command);
        assertThat(wire).as("seed %d: Netty and RespEncoder frame requests alike", seed).isEqualTo(encodeRequest(command));
        assertThat(decodeChunks(splitRandomly(wire, random, 8))).as("seed %d", seed).containsExactly(command);
    }
}
