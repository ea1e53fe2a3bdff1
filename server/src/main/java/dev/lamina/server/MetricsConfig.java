package dev.lamina.server;

import java.util.Locale;

/**
 * Where Prometheus scrapes {@code /metrics}, and how many label sets it may see.
 *
 * @param exposure     on the API's listener, nowhere, or on a listener of its own
 * @param maxLabelSets the most distinct (function, version, alias) label sets kept; invocations of
 *                     any further ones are counted under {@code function="(other)"}
 */
public record MetricsConfig(Exposure exposure, int maxLabelSets) {
    public static final int DEFAULT_MAX_LABEL_SETS = 1000;

    /** Where {@code /metrics} is served. */
    public sealed interface Exposure {
        /** On the API's address, unsigned, beside the AWS operations (the default). */
        record Api() implements Exposure {
        }

        /** Nowhere: {@code /metrics} is an unknown path, and nothing is measured. */
        record Off() implements Exposure {
        }

        /** On a management listener of its own, which serves only {@code /metrics}; the API's does not. */
        record Separate(String host, int port) implements Exposure {
            public Separate {
                if (host.isBlank()) {
                    throw new IllegalArgumentException("the metrics address needs a host, as in 127.0.0.1:9464");
                }
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("the metrics port must be between 0 and 65535: " + port);
                }
            }
        }
    }

    public MetricsConfig {
        java.util.Objects.requireNonNull(exposure);
        if (maxLabelSets < 1) {
            throw new IllegalArgumentException("at least one metrics label set must be allowed: " + maxLabelSets);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(new Exposure.Api(), DEFAULT_MAX_LABEL_SETS);
    }

    public MetricsConfig withExposure(Exposure value) {
        return new MetricsConfig(value, maxLabelSets);
    }

    public MetricsConfig withMaxLabelSets(int value) {
        return new MetricsConfig(exposure, value);
    }

    /** {@code on}, {@code off}, or {@code host:port} ({@code [::1]:9464} for IPv6; port 0 picks a free one). */
    public static Exposure exposure(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "on" -> {
                return new Exposure.Api();
            }
            case "off" -> {
                return new Exposure.Off();
            }
            default -> {
            }
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("metrics are on, off or host:port, not " + text);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Exposure.Separate(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the metrics port is not a number: " + text);
        }
    }
}
