package org.c10klab.protocol.plugin;

import java.io.IOException;

/**
 * The plugin folder cannot be used: a jar failed to load, clashes, or is malformed; the message
 * names the folder and the jar. An {@link IOException}, so every server's start-up, which already
 * reports I/O failures as one line and a non-zero exit, reports this one the same way.
 */
public final class PluginException extends IOException {

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
