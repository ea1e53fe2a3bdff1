package dev.lamina.logs;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk work of one stream sync, taken out of the stream's lock: forcing the pieces retired since
 * the last sync (and closing them), the piece being written, and the directories whose entries are
 * new. It only reports what failed; the stream decides what to retry.
 *
 * @param current   the piece being written, or null when it has nothing new
 * @param retired   pieces written to since the last sync and since replaced by a newer piece
 * @param directory the stream's directory when it has a new entry, else null
 * @param parent    the group's directory when the stream's own entry is new, else null
 */
record ForceBatch(FileChannel current, List<FileChannel> retired, Path directory, Path parent) {

    /**
     * @param again             retired pieces that could not be forced (still open)
     * @param currentFailed     whether forcing the current piece failed
     * @param directoriesFailed whether forcing a directory failed
     * @param failure           the last failure, or null when everything was forced
     */
    record Outcome(List<FileChannel> again, boolean currentFailed, boolean directoriesFailed, IOException failure) {
    }

    Outcome run() {
        IOException failed = null;
        List<FileChannel> again = new ArrayList<>();
        for (FileChannel c : retired) {
            try {
                c.force(false);
                c.close();
            } catch (ClosedChannelException deletedMeanwhile) {
                // its piece was deleted: nothing to force
            } catch (IOException e) {
                again.add(c);
                failed = e;
            }
        }
        boolean currentFailed = false;
        if (current != null) {
            try {
                current.force(false);
            } catch (ClosedChannelException deletedMeanwhile) {
                // closed only when its piece or stream was deleted (see StreamFiles.closeChannel)
            } catch (IOException e) {
                currentFailed = true;
                failed = e;
            }
        }
        boolean directoriesFailed = false;
        try {
            if (directory != null) {
                MetaFiles.forceDirectory(directory);
            }
            if (parent != null) {
                MetaFiles.forceDirectory(parent);
            }
        } catch (IOException e) {
            directoriesFailed = true;
            failed = e;
        }
        return new Outcome(again, currentFailed, directoriesFailed, failed);
    }
}
