package org.c10klab.protocol.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The plugin commands one server loaded, by upper-case name; {@link #NONE} without {@code --plugins}. */
public final class CommandPlugins {

    /** No plugins: what a server runs with unless {@code --plugins} is given. */
    public static final CommandPlugins NONE = new CommandPlugins(List.of());

    private final Map<String, LoadedPlugin> byName = new LinkedHashMap<>();

    /**
     * @param plugins commands with distinct upper-case names, in load order
     * @throws IllegalArgumentException when two share a name
     */
    public CommandPlugins(List<LoadedPlugin> plugins) {
        for (LoadedPlugin plugin : plugins) {
            if (byName.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalArgumentException("two plugins named " + plugin.name());
            }
        }
    }

    /** The plugin named {@code upperCaseName}, or null. */
    public LoadedPlugin find(String upperCaseName) {
        return byName.get(upperCaseName);
    }

    /** Every plugin command name, upper case. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** Every plugin, in load order. */
    public Collection<LoadedPlugin> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
