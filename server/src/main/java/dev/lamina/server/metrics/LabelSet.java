package dev.lamina.server.metrics;

import io.micrometer.core.instrument.Tags;

/**
 * One series' identity: Lambda's FunctionName, ExecutedVersion and Resource dimensions as
 * Prometheus labels. {@code alias} is empty when the caller named none.
 */
record LabelSet(String function, String version, String alias) {
    /** Where label sets beyond the bound are counted. */
    static final LabelSet OTHER = new LabelSet(LabelSets.OTHER, "", "");

    Tags tags() {
        return Tags.of("function", function, "version", version, "alias", alias);
    }
}
