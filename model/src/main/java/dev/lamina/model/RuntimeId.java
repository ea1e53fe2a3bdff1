package dev.lamina.model;

import java.util.List;
import java.util.Set;

/**
 * A Lambda runtime identifier such as {@code nodejs22.x} or {@code python3.13}: one of the values
 * of the model's Runtime enum. {@link #support()} says whether Lamina lets a function use it.
 */
public record RuntimeId(String id) {

    /** The language family, which decides how Lamina starts the function. */
    public enum Family { NODEJS, PYTHON, JAVA, PROVIDED, DOTNET, RUBY, GO }

    public enum Support {
        /** Lamina runs functions on it. */
        SUPPORTED,
        /** AWS no longer lets functions be created or updated with it, and neither does Lamina. */
        DEPRECATED,
        /** A valid Lambda runtime that Lamina has no interpreter for (.NET, Ruby). */
        NOT_IN_LAMINA
    }

    /** Every value of the model's Runtime enum, in the model's order. */
    public static final List<String> ALL = List.of(
            "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
            "nodejs16.x", "java8", "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8",
            "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6",
            "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2",
            "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x",
            "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x", "nodejs24.x", "python3.14",
            "java25", "dotnet10", "ruby4.0");

    /**
     * Runtimes whose creation AWS has blocked after deprecation. Lamina is deliberately no
     * stricter than this list: runtimes AWS deprecated only recently stay usable here.
     */
    private static final Set<String> DEPRECATED = Set.of(
            "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
            "nodejs14.x", "nodejs16.x", "python2.7", "python3.6", "python3.7", "python3.8", "java8",
            "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "go1.x",
            "ruby2.5", "ruby2.7", "provided");

    public RuntimeId {
        if (!ALL.contains(id)) {
            throw new IllegalArgumentException("not a Lambda runtime: " + id);
        }
    }

    public static boolean isKnown(String id) {
        return ALL.contains(id);
    }

    public Family family() {
        if (id.startsWith("nodejs")) {
            return Family.NODEJS;
        } else if (id.startsWith("python")) {
            return Family.PYTHON;
        } else if (id.startsWith("java")) {
            return Family.JAVA;
        } else if (id.startsWith("provided")) {
            return Family.PROVIDED;
        } else if (id.startsWith("dotnet")) {
            return Family.DOTNET;
        } else if (id.startsWith("ruby")) {
            return Family.RUBY;
        }
        return Family.GO;
    }

    /** The newest runtime of the same family, which AWS recommends when this one is deprecated. */
    public RuntimeId successor() {
        return new RuntimeId(switch (family()) {
            case NODEJS -> "nodejs24.x";
            case PYTHON -> "python3.14";
            case JAVA -> "java25";
            case PROVIDED, GO -> "provided.al2023";
            case DOTNET -> "dotnet10";
            case RUBY -> "ruby4.0";
        });
    }

    public Support support() {
        if (DEPRECATED.contains(id)) {
            return Support.DEPRECATED;
        }
        return switch (family()) {
            case DOTNET, RUBY, GO -> Support.NOT_IN_LAMINA;
            default -> Support.SUPPORTED;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
