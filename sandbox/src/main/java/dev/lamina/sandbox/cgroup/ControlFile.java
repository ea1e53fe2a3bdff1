package dev.lamina.sandbox.cgroup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A control file written on every invocation (cgroup.freeze, freezer.state), kept open once
 * written: on cgroup v2 a freeze or thaw then costs about a microsecond, where opening and closing
 * the file would cost more than the freeze itself. Closed with its group.
 */
final class ControlFile extends KeptOpenFile {
    ControlFile(Path path) {
        super(path, StandardOpenOption.WRITE);
    }

    /** Writes {@code value}; false when the file cannot be written (no such controller, or the group is gone). */
    synchronized boolean write(String value) {
        try {
            FileChannel channel = channel();
            // The kernel takes each write whole, whatever the offset.
            return channel != null && channel.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)), 0) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
