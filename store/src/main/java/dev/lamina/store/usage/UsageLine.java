package dev.lamina.store.usage;

import dev.lamina.model.FunctionName;

import java.util.Objects;

/** The usage of one function version at one memory size over a range of hours. */
public record UsageLine(FunctionName function, String version, int memoryMb, UsageFigures figures) {
    public UsageLine {
        Objects.requireNonNull(function);
        Objects.requireNonNull(version);
        Objects.requireNonNull(figures);
    }
}
