package dev.lamina.it;

import dev.lamina.server.metrics.Metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scrape of a Prometheus endpoint, fetched unsigned with a plain HTTP client as Prometheus does,
 * and parsed from the text exposition format (name, labels with escapes, value).
 */
record Scrape(List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Scrapes {@code url}, which must answer 200, with everything the caller did before in it: the
     * server serves one rendering for {@link Metrics#RENDER_MAX_AGE}, so this first waits that long
     * (and a little more), after which any body it serves was rendered after the call began.
     */
    static Scrape of(URI url) {
        try {
            Thread.sleep(Metrics.RENDER_MAX_AGE.plusMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        HttpResponse<String> r = get(url);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(sample(line));
            }
        }
        return new Scrape(out);
    }

    /** The value of the one series of {@code name} whose labels include {@code labels}, if there is one. */
    Optional<Double> find(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " series of " + name + " match " + labels + ": " + matching);
        }
        return matching.stream().findFirst().map(Sample::value);
    }

    /** As {@link #find}, with an absent series read as 0 (a counter that never moved). */
    double value(String name, Map<String, String> labels) {
        return find(name, labels).orElse(0.0);
    }

    /** The labels of a function's series: Lambda's FunctionName, ExecutedVersion and alias. */
    static Map<String, String> fn(String function, String version, String alias) {
        return Map.of("function", function, "version", version, "alias", alias);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1)));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (char c; (c = line.charAt(j)) != '"'; j++) {
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return new Sample(line.substring(0, brace), labels, number(line.substring(i + 2).trim().split(" ")[0]));
    }

    private static double number(String text) {
        return switch (text.trim().split(" ")[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text.trim().split(" ")[0]);
        };
    }
}
