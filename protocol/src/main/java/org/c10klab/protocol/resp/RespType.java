package org.c10klab.protocol.resp;

/** The five RESP2 types; each owns the prefix byte that introduces it on the wire. */
public enum RespType {
    SIMPLE_STRING('+'),
    ERROR('-'),
    INTEGER(':'),
    BULK_STRING('$'),
    ARRAY('*');

    private final byte prefix;

    RespType(char prefix) {
        this.prefix = (byte) prefix;
    }

    /** The byte that starts a value of this type. */
    public byte prefix() {
        return prefix;
    }
}
