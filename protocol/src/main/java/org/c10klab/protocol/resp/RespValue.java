package org.c10klab.protocol.resp;

/** A RESP2 value, as a server sends it in a reply. */
public sealed interface RespValue permits SimpleString, ErrorReply, IntegerReply, BulkString, RespArray {

    /** The wire type of this value. */
    RespType type();
}
