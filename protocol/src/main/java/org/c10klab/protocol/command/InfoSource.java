package org.c10klab.protocol.command;

import java.util.Map;

/** What a server reports about itself in {@code INFO}: model, connections, threads, backlog, uptime. */
@FunctionalInterface
public interface InfoSource {

    /** Field name to value, in the order INFO prints them. */
    Map<String, Object> serverFields();
}
