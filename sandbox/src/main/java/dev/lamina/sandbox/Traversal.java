package dev.lamina.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether an unprivileged identity can reach a host path: every ancestor must let it search. */
final class Traversal {
    private Traversal() {
    }

    static boolean reachable(Path path, Identity who) {
        try {
            Path real = path.toRealPath();
            for (Path p = real; p != null; p = p.getParent()) {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                int searchBit = uid == who.uid() ? 0100 : gid == who.gid() ? 0010 : 0001;
                boolean isTarget = p.equals(real);
                // The mounted directory itself must also be readable; its ancestors only searchable.
                int needed = isTarget && Files.isDirectory(p) ? searchBit | (searchBit << 2) : searchBit;
                if (!isTarget || Files.isDirectory(p)) {
                    if ((mode & needed) != needed) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }
}
