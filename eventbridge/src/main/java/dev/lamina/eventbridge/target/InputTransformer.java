package dev.lamina.eventbridge.target;

import java.util.Map;
import java.util.Objects;

/**
 * A rule target's InputTransformer: JSON paths into the event, named ({@code InputPathsMap}), and the
 * template their values are put into ({@code InputTemplate}, {@code <name>} placeholders).
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
    public InputTransformer {
        inputPathsMap = Map.copyOf(inputPathsMap);
        Objects.requireNonNull(inputTemplate);
    }
}
