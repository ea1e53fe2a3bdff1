package dev.lamina.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * boto3 and its dependencies copied into a python function's package, as {@code pip install -t .}
 * bundles them: the sandbox's python (Debian's) has no AWS SDK, and Lambda users who need a recent
 * boto3 ship their own. Taken from the {@code lamina.boto3.site} directory (a site-packages) or from
 * the {@code python3} on the PATH; botocore's service data is cut to what SQS needs.
 */
final class Boto3 {
    private static final List<String> PACKAGES = List.of("boto3", "botocore", "jmespath", "s3transfer", "dateutil",
            "urllib3", "six.py");

    private Boto3() {
    }

    /** The function's own files plus boto3, at the package root. */
    static byte[] bundledWith(Map<String, Packages.Entry> own) {
        Path site = site();
        Map<String, Packages.Entry> files = new LinkedHashMap<>(own);
        for (String name : PACKAGES) {
            Path root = site.resolve(name);
            if (!Files.exists(root)) {
                throw new AssertionError("boto3's dependency " + name + " is not in " + site);
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    String entry = site.relativize(p).toString();
                    if (wanted(entry)) {
                        files.put(entry, new Packages.Entry(Files.readAllBytes(p), 0644));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Packages.zip(files);
    }

    private static boolean wanted(String entry) {
        if (entry.contains("__pycache__")) {
            return false;
        }
        if (!entry.startsWith("botocore/data/")) {
            return true;
        }
        String rest = entry.substring("botocore/data/".length());
        return !rest.contains("/") || rest.startsWith("sqs/");
    }

    private static Path site() {
        String configured = System.getProperty("lamina.boto3.site");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import boto3, os; print(os.path.dirname(os.path.dirname(boto3.__file__)))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("no boto3 for the python function: set -Dlamina.boto3.site to a"
                        + " site-packages that has boto3 >= 1.28 (python3 said: " + out + ")");
            }
            return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
