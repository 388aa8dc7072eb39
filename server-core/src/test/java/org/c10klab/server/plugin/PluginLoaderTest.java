package org.c10klab.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.server.plugin.PluginTestUtil.jar;
import static org.c10klab.server.plugin.PluginTestUtil.qualified;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.plugin.CommandPlugins;
import org.c10klab.protocol.plugin.LoadedPlugin;
import org.c10klab.protocol.plugin.PluginException;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link PluginLoader} on real jars built at test time: what loads, and what stops a start naming the jar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginLoaderTest {

    private static final Map<String, String> SOURCES = Map.of(
            "Reverse", plugin("Reverse", "\"reverse\"", "Arity.exactly(2)",
                    "new Reply.Now(BulkString.of(new StringBuilder(command.text(1)).reverse().toString()))"),
            "Nap", plugin("Nap", "\"NAP\"", "Arity.atLeast(1)", "new Reply.AfterSleep(5, SimpleString.OK)"),
            "Get", plugin("Get", "\"Get\"", "Arity.exactly(2)", "new Reply.Now(BulkString.NULL)"),
            "UpperA", plugin("UpperA", "\"UPPER\"", "Arity.exactly(2)", "null"),
            "UpperB", plugin("UpperB", "\"upper\"", "Arity.exactly(2)", "null"),
            "BadName", plugin("BadName", "\"has space\"", "Arity.exactly(1)", "null"),
            "BadArity", plugin("BadArity", "\"BACKWARDS\"", "new Arity(3, 2)", "null"),
            "Throwing", """
                    public class Throwing extends Reverse {
                        public Throwing() { throw new IllegalStateException("no config file"); }
                    }""",
            "NotAPlugin", "public class NotAPlugin { }");

    @TempDir
    static Path work;
    private static Path classes;

    @TempDir
    Path folder;

    @BeforeAll
    static void compileTestPlugins() throws IOException {
        classes = PluginTestUtil.compile(work, SOURCES);
    }

    private static String plugin(String className, String name, String arity, String reply) {
        return "public class " + className + " implements CommandPlugin {\n"
                + "    public String name() { return " + name + "; }\n"
                + "    public Arity arity() { return " + arity + "; }\n"
                + "    public Reply execute(RespCommand command) { return " + reply + "; }\n"
                + "}\n";
    }

    private Path pluginJar(String jarName, String... simpleNames) throws IOException {
        List<String> names = List.of(simpleNames);
        return jar(folder.resolve(jarName), classes, names, names.stream().map(PluginTestUtil::qualified).toList());
    }

    private String loadFailure() {
        return assertThatThrownBy(() -> PluginLoader.load(folder)).isInstanceOf(PluginException.class)
                .actual().getMessage();
    }

    @Test
    void aGoodJarLoadsEveryCommandItRegisters() throws Exception {
        pluginJar("good.jar", "Reverse", "Nap");
        jar(folder.resolve("library.jar"), classes, List.of("NotAPlugin"), null); // no services file: fine
        Files.writeString(folder.resolve("README.txt"), "not a jar, ignored");

        CommandPlugins plugins = PluginLoader.load(folder);

        assertThat(plugins.names()).containsExactly("REVERSE", "NAP");
        LoadedPlugin reverse = plugins.find("REVERSE");
        assertThat(reverse.jar()).isEqualTo("good.jar");
        assertThat(reverse.arity()).isEqualTo(Arity.exactly(2));
        assertThat(reverse.command().getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(reverse.command().execute(RespCommand.of("REVERSE", "abc")))
                .isEqualTo(new Reply.Now(BulkString.of("cba")));
        assertThat(plugins.find("NAP").arity()).hasToString("1+");
    }

    @Test
    void aCommandNamedLikeABuiltInStopsTheStartNamingTheJar() throws Exception {
        pluginJar("good.jar", "Reverse");
        pluginJar("getter.jar", "Get");
        assertThat(loadFailure()).isEqualTo("plugin folder " + folder + ": getter.jar: command 'GET' of "
                + qualified("Get") + " clashes with the built-in command");
    }

    @Test
    void twoJarsWithOneCommandNameStopTheStartNamingBoth() throws Exception {
        pluginJar("a.jar", "UpperA");
        pluginJar("b.jar", "UpperB");
        assertThat(loadFailure()).endsWith(": a.jar and b.jar both define command 'UPPER'");
    }

    @Test
    void oneJarWithTwoCommandsOfOneNameStopsTheStart() throws Exception {
        pluginJar("twice.jar", "UpperA", "UpperB");
        assertThat(loadFailure()).endsWith(": twice.jar defines command 'UPPER' twice");
    }

    @Test
    void twoVersionsOfOnePluginStopTheStartNamingBoth() throws Exception {
        Path first = pluginJar("reverse-1.0.jar", "Reverse");
        Files.copy(first, folder.resolve("reverse-1.1.jar"));
        assertThat(loadFailure())
                .endsWith(": reverse-1.0.jar and reverse-1.1.jar both register " + qualified("Reverse")
                        + " (two versions of one plugin?)");
    }

    @Test
    void aConstructorThatThrowsStopsTheStartNamingTheJarAndTheCause() throws Exception {
        jar(folder.resolve("broken.jar"), classes, List.of("Reverse", "Throwing"), List.of(qualified("Throwing")));
        assertThat(loadFailure()).endsWith(": broken.jar: Provider " + qualified("Throwing")
                + " could not be instantiated: java.lang.IllegalStateException: no config file");
    }

    @Test
    void aServicesFileNamingAMissingClassStopsTheStartNamingThatJar() throws Exception {
        pluginJar("good.jar", "Reverse");
        jar(folder.resolve("missing.jar"), classes, List.of(), List.of(qualified("Gone")));
        assertThat(loadFailure()).contains(": missing.jar: ").contains(qualified("Gone") + " not found")
                .doesNotContain("good.jar");
    }

    @Test
    void aListedClassThatIsNoPluginStopsTheStartNamingThatJar() throws Exception {
        jar(folder.resolve("wrong.jar"), classes, List.of("NotAPlugin"), List.of(qualified("NotAPlugin")));
        pluginJar("zz-good.jar", "Reverse");
        assertThat(loadFailure()).contains(": wrong.jar: ").contains("not a subtype");
    }

    @Test
    void aMalformedServicesFileStopsTheStartNamingThatJar() throws Exception {
        pluginJar("good.jar", "Reverse");
        jar(folder.resolve("typo.jar"), classes, List.of(), List.of("org.example.plugins.Not A Class"));
        assertThat(loadFailure()).contains(": typo.jar: ").contains("Illegal configuration-file syntax")
                .doesNotContain("good.jar:");
    }

    @Test
    void aClassForANewerJavaStopsTheStartNamingItsJar() throws Exception {
        pluginJar("good.jar", "Reverse");
        // Nap.class claiming class-file major version 99: the JVM refuses it with a LinkageError.
        Path napClass = Path.of(PluginTestUtil.PACKAGE.replace('.', '/'), "Nap.class");
        Path futureClasses = work.resolve("future-classes");
        byte[] bytes = Files.readAllBytes(classes.resolve(napClass));
        bytes[6] = 0;
        bytes[7] = 99;
        Files.createDirectories(futureClasses.resolve(napClass).getParent());
        Files.write(futureClasses.resolve(napClass), bytes);
        jar(folder.resolve("future.jar"), futureClasses, List.of("Nap"), List.of(qualified("Nap")));

        assertThat(loadFailure()).contains(": future.jar: java.lang.UnsupportedClassVersionError: ")
                .doesNotContain("good.jar:");
    }

    @Test
    void aMalformedNameOrArityStopsTheStartNamingTheJar() throws Exception {
        pluginJar("spaced.jar", "BadName");
        assertThat(loadFailure()).contains(": spaced.jar: " + qualified("BadName") + " names its command 'has space'");
        Files.delete(folder.resolve("spaced.jar"));
        pluginJar("backwards.jar", "BadArity");
        assertThat(loadFailure()).contains(": backwards.jar: " + qualified("BadArity") + ": ")
                .contains("arity max: 2 (expected: >= min 3)");
    }

    @Test
    void aFileThatIsNoJarStopsTheStartNamingIt() throws Exception {
        Files.writeString(folder.resolve("corrupt.jar"), "not a zip");
        assertThat(loadFailure()).contains(": corrupt.jar: not a readable jar");
    }

    @Test
    void aFolderThatIsMissingEmptyOrWithoutPluginsStopsTheStart() throws Exception {
        Path missing = folder.resolve("nope");
        assertThatThrownBy(() -> PluginLoader.load(missing)).hasMessage("plugin folder " + missing + ": no such folder");
        Path file = Files.writeString(folder.resolve("file.txt"), "x");
        assertThatThrownBy(() -> PluginLoader.load(file)).hasMessage("plugin folder " + file + ": not a folder");
        Path empty = Files.createDirectory(folder.resolve("empty"));
        assertThatThrownBy(() -> PluginLoader.load(empty)).hasMessage("plugin folder " + empty + ": holds no .jar file");
        jar(empty.resolve("library.jar"), classes, List.of("NotAPlugin"), null);
        assertThatThrownBy(() -> PluginLoader.load(empty))
                .hasMessageContaining("plugin folder " + empty + ": no jar registers a plugin");
    }
}
