package org.c10klab.server.transport;

import io.netty.channel.WriteBufferWaterMark;

/** The write-buffer bounds at which the event-loop server and the balancer stop reading a connection whose peer does not keep up. */
public final class BackPressure {

    /**
     * Above 64 KiB of unsent bytes a connection counts as not writable and stops being read (the
     * balancer stops reading its peer); below 32 KiB reading resumes. Netty's defaults, stated here
     * because back-pressure depends on them.
     */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private BackPressure() {
    }
}
