package org.c10klab.protocol.resp;

/** {@code :n}: a signed 64-bit integer. */
public record IntegerReply(long value) implements RespValue {

    @Override
    public RespType type() {
        return RespType.INTEGER;
    }
}
