package org.c10klab.server.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.c10klab.protocol.command.CommandExecutor;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.plugin.LoadedPlugin;
import org.c10klab.protocol.plugin.PluginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link CommandPlugin}s of every jar in one folder through one class loader, and refuses
 * the whole folder, naming the jar at fault, when any plugin fails to load, clashes or is malformed.
 */
public final class PluginLoader {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);
    private static final String SERVICES_FILE = "META-INF/services/" + CommandPlugin.class.getName();
    /**
     * ASCII only, so {@code RespCommand.name()}, which upper-cases ASCII letters only, finds the
     * command; no space, CR or LF, so inline requests and one-line error replies can carry it.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    private static final String NAME_RULE = "an ASCII letter, then up to 63 ASCII letters, digits, '.', '_' or '-'";

    private final Path folder;
    /** Each jar's URL as the class loader knows it, to its file name. */
    private final Map<String, String> jarByUrl = new LinkedHashMap<>();
    /** Provider class name to the jar whose services file lists it, to blame a class that cannot load. */
    private final Map<String, String> jarByListedClass = new HashMap<>();
    private final URLClassLoader classLoader;

    private PluginLoader(Path folder, List<Path> jars) throws PluginException {
        this.folder = folder;
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            URL url = url(jar);
            urls.add(url);
            jarByUrl.put(url.toExternalForm(), jar.getFileName().toString());
            readServicesFile(jar);
        }
        // Parent: the loader of this module, so plugins see the same Reply and RespCommand classes.
        this.classLoader = new URLClassLoader("plugins", urls.toArray(URL[]::new), CommandPlugin.class.getClassLoader());
    }

    /**
     * Loads every plugin that the jars in {@code folder} register. On success the class loader
     * stays open for the life of the process: a plugin may load more of its classes on any request.
     *
     * @throws PluginException naming the folder and the jar at fault: the folder is missing or holds
     *                         no jar, no jar registers a plugin, or a plugin fails to load, has a
     *                         malformed name, or clashes with a built-in command or another plugin
     */
    public static CommandPlugins load(Path folder) throws PluginException {
        PluginLoader loader = new PluginLoader(folder, jarsIn(folder));
        try {
            CommandPlugins plugins = loader.loadAll();
            plugins.all().forEach(plugin -> log.info("plugin command {} (arity {}) from {}",
                    plugin.name(), plugin.arity(), plugin.jar()));
            return plugins;
        } catch (PluginException | RuntimeException e) {
            loader.closeClassLoader();
            throw e;
        }
    }

    private CommandPlugins loadAll() throws PluginException {
        Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
        Iterator<ServiceLoader.Provider<CommandPlugin>> providers =
                ServiceLoader.load(CommandPlugin.class, classLoader).stream().iterator();
        for (ServiceLoader.Provider<CommandPlugin> provider = next(providers); provider != null;
                provider = next(providers)) {
            if (provider.type().getClassLoader() != classLoader) {
                continue; // on the server's own classpath: only --plugins loads plugins
            }
            add(byName, instantiate(provider));
        }
        if (byName.isEmpty()) {
            throw failure("no jar registers a plugin (a " + SERVICES_FILE + " file listing its classes)", null);
        }
        return new CommandPlugins(new ArrayList<>(byName.values()));
    }

    /** The next provider, its class loaded but not yet instantiated; null after the last. */
    private ServiceLoader.Provider<CommandPlugin> next(Iterator<ServiceLoader.Provider<CommandPlugin>> providers)
            throws PluginException {
        try {
            return providers.hasNext() ? providers.next() : null;
        } catch (ServiceConfigurationError | LinkageError e) {
            // A listed class that is missing, not a CommandPlugin, without a public no-argument
            // constructor or compiled for a newer Java; or a malformed services file.
            throw failure(blame(e) + ": " + describe(e), e);
        }
    }

    private LoadedPlugin instantiate(ServiceLoader.Provider<CommandPlugin> provider) throws PluginException {
        String className = provider.type().getName();
        String jar = jarOf(provider.type());
        CommandPlugin command;
        try {
            command = provider.get();
        } catch (ServiceConfigurationError e) {
            throw failure(jar + ": " + describe(e), e); // it names the class, and its cause the constructor's failure
        }
        String name;
        Arity arity;
        try {
            name = command.name();
            arity = command.arity();
        } catch (RuntimeException | LinkageError e) {
            throw failure(jar + ": " + className + ": " + describe(e), e);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw failure(jar + ": " + className + " names its command " + (name == null ? "null" : "'" + name + "'")
                    + " (expected: " + NAME_RULE + ")", null);
        }
        if (arity == null) {
            throw failure(jar + ": " + className + " has no arity", null);
        }
        return new LoadedPlugin(name.toUpperCase(Locale.ROOT), arity, jar, command);
    }

    private void add(Map<String, LoadedPlugin> byName, LoadedPlugin plugin) throws PluginException {
        if (CommandExecutor.COMMAND_NAMES.contains(plugin.name())) {
            throw failure(plugin.jar() + ": command '" + plugin.name() + "' of "
                    + plugin.command().getClass().getName() + " clashes with the built-in command", null);
        }
        LoadedPlugin earlier = byName.putIfAbsent(plugin.name(), plugin);
        if (earlier != null) {
            throw failure(earlier.jar().equals(plugin.jar())
                    ? plugin.jar() + " defines command '" + plugin.name() + "' twice"
                    : earlier.jar() + " and " + plugin.jar() + " both define command '" + plugin.name() + "'", null);
        }
    }

    /**
     * The jar an error met while listing providers is about: the one whose services file the
     * error quotes (a malformed line), else the one whose services file lists the class it names.
     */
    private String blame(Throwable error) {
        String message = String.valueOf(error.getMessage());
        for (Map.Entry<String, String> jar : jarByUrl.entrySet()) {
            if (message.contains(jar.getKey() + "!/")) {
                return jar.getValue();
            }
        }
        String dotted = message.replace('/', '.'); // a LinkageError names the class as com/example/Name
        String blamed = null;
        int longest = 0;
        for (Map.Entry<String, String> listed : jarByListedClass.entrySet()) {
            // The longest match, so an error about com.example.AB does not blame the jar of com.example.A.
            if (listed.getKey().length() > longest && dotted.contains(listed.getKey())) {
                blamed = listed.getValue();
                longest = listed.getKey().length();
            }
        }
        return blamed != null ? blamed : "one of " + String.join(", ", jarByUrl.values());
    }

    private String jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        String url = source == null ? "?" : source.getLocation().toExternalForm();
        return jarByUrl.getOrDefault(url, url);
    }

    private void readServicesFile(Path jar) throws PluginException {
        String jarName = jar.getFileName().toString();
        for (String className : listedClasses(jar)) {
            String earlier = jarByListedClass.putIfAbsent(className, jarName);
            if (earlier != null && !earlier.equals(jarName)) {
                // One class loader loads a class name once and ServiceLoader skips the repeat:
                // without this check, a second version of a plugin would be ignored silently.
                throw failure(earlier + " and " + jarName + " both register " + className
                        + " (two versions of one plugin?)", null);
            }
        }
    }

    /** The provider classes {@code jar}'s services file lists; none when it has no such file (a library). */
    private List<String> listedClasses(Path jar) throws PluginException {
        List<String> classNames = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services = file.getJarEntry(SERVICES_FILE);
            if (services == null) {
                return classNames;
            }
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String className = line.replaceFirst("#.*", "").strip(); // the services file format
                    if (!className.isEmpty()) {
                        classNames.add(className);
                    }
                }
            }
        } catch (IOException e) {
            throw failure(jar.getFileName() + ": not a readable jar: " + e.getMessage(), e);
        }
        return classNames;
    }

    private static List<Path> jarsIn(Path folder) throws PluginException {
        if (!Files.exists(folder)) {
            throw new PluginException(prefix(folder) + "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new PluginException(prefix(folder) + "not a folder");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                    .sorted() // one load order, so the same folder always gives the same result
                    .toList();
        } catch (IOException e) {
            throw new PluginException(prefix(folder) + "cannot list it: " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw new PluginException(prefix(folder) + "holds no .jar file");
        }
        return jars;
    }

    /** The error's own message without the service name ServiceLoader starts it with, then its root cause. */
    private static String describe(Throwable error) {
        String text = error instanceof ServiceConfigurationError
                ? String.valueOf(error.getMessage()).replace(CommandPlugin.class.getName() + ": ", "")
                : error.toString();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? text : text + ": " + root;
    }

    private PluginException failure(String problem, Throwable cause) {
        return new PluginException(prefix(folder) + problem, cause);
    }

    private static String prefix(Path folder) {
        return "plugin folder " + folder + ": ";
    }

    private void closeClassLoader() {
        try {
            classLoader.close();
        } catch (IOException e) {
            log.debug("closing the plugin class loader failed: {}", e.toString());
        }
    }

    private URL url(Path jar) throws PluginException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw failure(jar.getFileName() + ": no URL for it: " + e.getMessage(), e);
        }
    }
}
