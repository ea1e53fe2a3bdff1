package dev.lamina.store.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a package's symlinks the way the kernel will once they are on disk, but inside the
 * archive: a ".." after a component that is itself a symlink goes to the parent of that link's
 * target, not of its name. That is what makes chains such as {@code d -> .} plus {@code e -> d/../x}
 * visible as the escapes they are, which a purely textual check would miss.
 */
final class SymlinkResolver {
    private static final int MAX_DEPTH = 40; // the kernel's own limit on nested links

    /** A link whose target leaves the package root, loops, or is absolute. */
    static final class EscapeException extends Exception {
        EscapeException(String reason) {
            super(reason);
        }
    }

    private final Map<String, String> links;

    /** @param links every symlink of the package: normalized path to raw target text */
    SymlinkResolver(Map<String, String> links) {
        this.links = Map.copyOf(links);
    }

    /** Checks that the link at {@code path} resolves to a path inside the root. */
    void check(String path) throws EscapeException {
        String target = links.get(path);
        if (target.isEmpty() || target.startsWith("/")) {
            throw new EscapeException("is a symlink with an absolute or empty target");
        }
        resolve(parent(path), target, 0);
    }

    private List<String> resolve(List<String> start, String target, int depth) throws EscapeException {
        if (depth > MAX_DEPTH) {
            throw new EscapeException("is a symlink in a loop or a chain deeper than " + MAX_DEPTH);
        }
        List<String> parts = new ArrayList<>(start);
        for (String component : target.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (parts.isEmpty()) {
                    throw new EscapeException("is a symlink that points outside the package");
                }
                parts.removeLast();
                continue;
            }
            parts.add(component);
            String link = links.get(String.join("/", parts));
            if (link != null) {
                if (link.isEmpty() || link.startsWith("/")) {
                    throw new EscapeException("is a symlink through an absolute symlink");
                }
                parts = resolve(parts.subList(0, parts.size() - 1), link, depth + 1);
            }
        }
        return parts;
    }

    private static List<String> parent(String path) {
        List<String> parts = new ArrayList<>(List.of(path.split("/")));
        parts.removeLast();
        return parts;
    }
}
