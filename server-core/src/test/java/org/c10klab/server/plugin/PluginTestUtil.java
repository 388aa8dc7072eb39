package org.c10klab.server.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.c10klab.protocol.plugin.CommandPlugin;

/** Builds real plugin jars at test time: sources compiled with the JDK's compiler, then jarred. */
final class PluginTestUtil {

    /** The package of every test plugin. */
    static final String PACKAGE = "org.example.plugins";

    private static final String SERVICES_FILE = "META-INF/services/" + CommandPlugin.class.getName();

    private PluginTestUtil() {
    }

    /**
     * Compiles {@code sources} (simple class name to the class body after the package line and
     * imports) in one compiler run, against this JVM's classpath.
     *
     * @return the folder holding the class files
     */
    static Path compile(Path workFolder, Map<String, String> sources) throws IOException {
        Path sourceFolder = Files.createDirectories(workFolder.resolve("src"));
        Path classes = Files.createDirectories(workFolder.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceFolder.resolve(source.getKey() + ".java");
            Files.writeString(file, "package " + PACKAGE + ";\n"
                    + "import org.c10klab.protocol.command.Reply;\n"
                    + "import org.c10klab.protocol.plugin.*;\n"
                    + "import org.c10klab.protocol.resp.*;\n"
                    + source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null || compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the test plugins did not compile (is this a JDK?)");
        }
        return classes;
    }

    /**
     * Writes {@code jar} with the named classes from {@code classes} and, unless {@code services}
     * is null, a services file listing those fully qualified names.
     */
    static Path jar(Path jar, Path classes, List<String> simpleNames, List<String> services) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String simpleName : simpleNames) {
                String entry = PACKAGE.replace('.', '/') + "/" + simpleName + ".class";
                out.putNextEntry(new JarEntry(entry));
                Files.copy(classes.resolve(entry), out);
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry(SERVICES_FILE));
                write(out, "# test plugins\n" + String.join("\n", services) + "\n");
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The fully qualified name of a test plugin class. */
    static String qualified(String simpleName) {
        return PACKAGE + "." + simpleName;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
