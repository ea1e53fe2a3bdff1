package dev.lamina.it;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Deployment packages of the test functions in src/test/resources/fixtures and dev.lamina.it.fixtures. */
final class Packages {
    private Packages() {
    }

    /** A file of a package: its bytes and unix mode. */
    record Entry(byte[] bytes, int mode) {
    }

    static byte[] nodejs() {
        return zip(Map.of("index.js", resource("fixtures/nodejs/index.js", 0644)));
    }

    static byte[] python() {
        return zip(Map.of("app.py", resource("fixtures/python/app.py", 0644)));
    }

    /** A Python function that answers with its credentials, or calls GetFunction with them (SigV4 by hand). */
    static byte[] pythonCaller() {
        return zip(Map.of("caller.py", resource("fixtures/python-caller/caller.py", 0644)));
    }

    static byte[] nodejsForms() {
        return zip(Map.of("lib/esm.mjs", resource("fixtures/nodejs-forms/lib/esm.mjs", 0644),
                "lib/cjs.cjs", resource("fixtures/nodejs-forms/lib/cjs.cjs", 0644),
                "callback.js", resource("fixtures/nodejs-forms/callback.js", 0644)));
    }

    static byte[] pythonForms() {
        return zip(Map.of("pkg/__init__.py", resource("fixtures/python-forms/pkg/__init__.py", 0644),
                "pkg/handlers.py", resource("fixtures/python-forms/pkg/handlers.py", 0644)));
    }

    static byte[] provided() {
        return zip(Map.of("bootstrap", resource("fixtures/provided/bootstrap", 0755)));
    }

    /** Compiled classes of dev.lamina.it.fixtures, with their inner classes, at the package root. */
    static byte[] java(Class<?>... classes) {
        return zip(javaEntries(classes));
    }

    /** Like {@link #java}, plus the AWS SDK for Java v2 from the test classpath in lib/, as a Maven build would bundle it. */
    static byte[] javaWithSdk(Class<?>... classes) {
        Map<String, Entry> entries = javaEntries(classes);
        for (String path : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            boolean sdk = path.contains("/software/amazon/awssdk/") || path.contains("/org/reactivestreams/")
                    || path.contains("/org/slf4j/slf4j-api/");
            if (sdk && path.endsWith(".jar") && !path.contains("/lambda-java")) {
                try {
                    entries.put("lib/" + Path.of(path).getFileName(), new Entry(Files.readAllBytes(Path.of(path)), 0644));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return zip(entries);
    }

    private static Map<String, Entry> javaEntries(Class<?>... classes) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            try {
                Path file = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .resolve(c.getName().replace('.', '/') + ".class");
                String prefix = c.getSimpleName();
                try (Stream<Path> siblings = Files.list(file.getParent())) {
                    for (Path p : siblings.toList()) {
                        String name = p.getFileName().toString();
                        if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
                            String entry = c.getPackageName().replace('.', '/') + "/" + name;
                            entries.put(entry, new Entry(Files.readAllBytes(p), 0644));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return entries;
    }

    static Entry resource(String name, int mode) {
        try (InputStream in = Packages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new Entry(in.readAllBytes(), mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(Map<String, Entry> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(f.getKey());
                entry.setUnixMode(0100000 | f.getValue().mode());
                zip.putArchiveEntry(entry);
                zip.write(f.getValue().bytes());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
