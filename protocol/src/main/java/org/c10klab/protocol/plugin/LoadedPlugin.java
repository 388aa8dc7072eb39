package org.c10klab.protocol.plugin;

/**
 * A plugin command as the server runs it: its name and arity as read once at start-up, and the jar
 * it came from, for INFO and error messages.
 *
 * @param name    the upper-case command name
 * @param arity   the words it takes, its name included
 * @param jar     the file name of the jar its class came from
 * @param command the plugin instance every connection shares
 */
public record LoadedPlugin(String name, Arity arity, String jar, CommandPlugin command) {
}
