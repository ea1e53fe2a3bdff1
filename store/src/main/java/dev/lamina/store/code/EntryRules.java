package dev.lamina.store.code;

import dev.lamina.model.LambdaException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a zip entry may be called and what it may be. Every rule here is about one entry; rules
 * about entries together (duplicates, symlinks as directories) live in {@link ZipExtractor}.
 */
final class EntryRules {
    /** The kinds of entry a package may hold. */
    enum Kind { FILE, DIRECTORY, SYMLINK }

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int MAX_SHOWN = 200;

    private EntryRules() {
    }

    /**
     * The entry's path relative to the package root: segments joined by '/', without "." segments,
     * empty segments or a trailing slash. The root itself (an entry named "./", which Python's
     * shutil.make_archive writes) normalizes to the empty string.
     *
     * @throws LambdaException when the name is empty, too long, absolute, contains backslashes, control
     *                         characters or a ".." segment
     */
    static String normalize(String name, int maxPathLength) {
        if (name == null || name.isEmpty()) {
            throw refused("", "has an empty name");
        }
        if (name.length() > maxPathLength) {
            throw refused(name, "has a path longer than " + maxPathLength + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refused(name, "has a control character in its name");
            }
        }
        if (name.indexOf('\\') >= 0) {
            throw refused(name, "uses backslashes, which Lamina does not treat as separators");
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            throw refused(name, "has an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw refused(name, "escapes the package root");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** The entry's kind, from its unix mode when it has one. Devices, FIFOs and sockets are refused. */
    static Kind kind(ZipArchiveEntry entry) {
        int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
        if (type == TYPE_SYMLINK) {
            return Kind.SYMLINK;
        }
        if (type == TYPE_DIRECTORY || (type == 0 || type == TYPE_FILE) && entry.getName().endsWith("/")) {
            return Kind.DIRECTORY;
        }
        if (type == 0 || type == TYPE_FILE) {
            return Kind.FILE;
        }
        throw refused(entry.getName(), "is a device, FIFO or socket, which a package may not contain");
    }

    /**
     * The permission bits to give the unpacked entry: the archive's rwx bits without setuid, setgid or
     * sticky, with at least owner read for files and owner rwx for directories (so the tree can always
     * be read and cleaned up); 0644 and 0755 when the archive records no unix mode.
     */
    static int permissions(ZipArchiveEntry entry, Kind kind) {
        boolean unix = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && entry.getUnixMode() != 0;
        int bits = unix ? entry.getUnixMode() & 0777 : (kind == Kind.DIRECTORY ? 0755 : 0644);
        return kind == Kind.DIRECTORY ? bits | 0700 : bits | 0400;
    }

    /** The caller's error for a hostile or unusable entry, naming it safely. */
    static LambdaException refused(String name, String reason) {
        return LambdaException.invalidParameter("Could not unzip uploaded file: the entry '" + shown(name) + "' "
                + reason + ".");
    }

    /** A name fit to echo: control characters replaced, at most 200 characters. */
    static String shown(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < MAX_SHOWN; i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return name.length() > MAX_SHOWN ? sb + "..." : sb.toString();
    }
}
