package dev.lamina.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code curl} against function URLs: one request, its status, headers (every line, in
 * order) and body bytes, as a user's terminal would show them.
 */
final class UrlCurl {
    /** One finished request. */
    record Response(int status, List<String[]> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headerValues(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    private UrlCurl() {
    }

    /** {@code curl -sS -D <headers> -o <body> <args…>}; the URL is among {@code args}. */
    static Response run(String... args) {
        try {
            Path dir = Files.createTempDirectory("url-curl");
            Path headers = dir.resolve("headers");
            Path body = dir.resolve("body");
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "-D", headers.toString(),
                    "-o", body.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("curl " + String.join(" ", args) + " failed: " + output);
            }
            List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(lines.getFirst().split(" ")[1]);
            List<String[]> parsed = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    parsed.add(new String[]{line.substring(0, colon).toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip()});
                }
            }
            byte[] bytes = Files.exists(body) ? Files.readAllBytes(body) : new byte[0];
            return new Response(status, parsed, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
