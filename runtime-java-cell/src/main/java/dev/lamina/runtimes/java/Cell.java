package dev.lamina.runtimes.java;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lamina's stem-cell launcher for Java functions. The JVM boots before it has a function; this asks
 * Lamina's Runtime API which function it becomes, takes on that function's environment in place of
 * its own, and hands over to the official runtime interface client, exactly as if the JVM had been
 * started for that function. Nothing of the function is loaded before the assignment.
 *
 * <p>The assignment comes as lines: the handler, then one {@code name=value} per variable, each line
 * Base64 of its UTF-8 text. Replacing what {@link System#getenv()} answers needs
 * {@code --add-opens java.base/java.lang} and {@code java.base/java.util}, which Lamina passes.
 */
public final class Cell {
    private static final String RUNTIME_INTERFACE_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private Cell() {
    }

    public static void main(String[] args) throws Throwable {
        preload();
        List<String> lines = assignment(System.getenv("AWS_LAMBDA_RUNTIME_API"), System.getenv("LAMINA_CELL_TOKEN"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String variable = decode(line);
            int eq = variable.indexOf('=');
            environment.put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        replaceEnvironment(environment);
        Class.forName(RUNTIME_INTERFACE_CLIENT).getMethod("main", String[].class)
                .invoke(null, (Object) new String[] {decode(lines.get(0))});
    }

    /**
     * Loads, without initialising, every class of the runtime's own jars (the runtime interface
     * client, its serialization and aws-lambda-java-core): what a fresh JVM would spend its init on.
     * No static initialiser runs, so nothing reads the environment before the assignment.
     */
    private static void preload() {
        ClassLoader loader = Cell.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File dir = new File(entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry);
            File[] jars = dir.isDirectory() ? dir.listFiles((d, name) -> name.endsWith(".jar")) : new File[] {dir};
            for (File jar : jars == null ? new File[0] : jars) {
                if (jar.getName().startsWith("lamina-")) {
                    continue;
                }
                try (JarFile file = new JarFile(jar)) {
                    for (JarEntry e : java.util.Collections.list(file.entries())) {
                        String name = e.getName();
                        if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF")) {
                            try {
                                Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                            } catch (Throwable optional) {
                                // a class whose optional dependencies are absent; the client never uses it
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    // not a jar the cell can read: nothing to preload from it
                }
            }
        }
    }

    private static List<String> assignment(String api, String token) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://" + api
                + "/2018-06-01/runtime/lamina/assignment?format=lines").openConnection();
        c.setRequestProperty("Lamina-Cell-Token", token);
        c.setReadTimeout(0); // the cell may wait for minutes before a function needs it
        if (c.getResponseCode() != 200) {
            System.err.println("The Runtime API answered " + c.getResponseCode() + " to the assignment");
            System.exit(1);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static String decode(String line) {
        return new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the JVM's copy of its environment, which System.getenv answers from and child
     * processes inherit: the unmodifiable map it hands out wraps a live view of that copy.
     */
    @SuppressWarnings("unchecked")
    private static void replaceEnvironment(Map<String, String> environment) throws Exception {
        Field view = Class.forName("java.lang.ProcessEnvironment").getDeclaredField("theUnmodifiableEnvironment");
        view.setAccessible(true);
        Object unmodifiable = view.get(null);
        Field inner = unmodifiable.getClass().getDeclaredField("m");
        inner.setAccessible(true);
        Map<String, String> live = (Map<String, String>) inner.get(unmodifiable);
        live.clear();
        live.putAll(environment);
    }
}
