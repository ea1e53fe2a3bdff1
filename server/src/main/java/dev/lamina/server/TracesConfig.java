package dev.lamina.server;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where invocations' spans go.
 *
 * @param otlpEndpoint the OpenTelemetry collector's OTLP/HTTP base address ({@code http://host:4318});
 *                     spans are posted to {@code <endpoint>/v1/traces}. Empty: no spans are made at all
 */
public record TracesConfig(Optional<URI> otlpEndpoint) {
    public TracesConfig {
        Objects.requireNonNull(otlpEndpoint);
        otlpEndpoint.ifPresent(TracesConfig::check);
    }

    public static TracesConfig defaults() {
        return new TracesConfig(Optional.empty());
    }

    public TracesConfig withOtlpEndpoint(URI endpoint) {
        return new TracesConfig(Optional.of(endpoint));
    }

    private static void check(URI endpoint) {
        String scheme = Optional.ofNullable(endpoint.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("the OTLP endpoint is an http(s) address such as http://localhost:4318,"
                    + " not " + endpoint);
        }
    }
}
