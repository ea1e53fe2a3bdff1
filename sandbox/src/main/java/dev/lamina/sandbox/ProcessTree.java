package dev.lamina.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A process's descendants, found cheaply. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Children and theirs, from {@code /proc/<pid>/task/*&#47;children}: a few small reads, where
     * {@link ProcessHandle#descendants()} reads the status of every process on the host (tens of
     * milliseconds on a node with hundreds of environments).
     */
    static List<Long> descendants(long pid) {
        List<Long> found = new ArrayList<>();
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : threads.toList()) {
                String text = Files.readString(task.resolve("children")).trim();
                for (String child : text.isEmpty() ? new String[0] : text.split("\\s+")) {
                    long c = Long.parseLong(child);
                    found.add(c);
                    found.addAll(descendants(c));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone meanwhile, or a kernel without the children files: ask the slow way.
            return ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
        }
        return found;
    }
}
