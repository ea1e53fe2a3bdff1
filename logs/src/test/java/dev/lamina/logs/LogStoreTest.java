package dev.lamina.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogStoreTest {
    @TempDir
    Path dir;

    @Test
    void aStreamStopsAtItsCapAndSaysSoOnce() throws Exception {
        try (LogStore store = new LogStore(dir, 1024)) {
            LogStream stream = store.open("/aws/lambda/f", "2026/01/01/[$LATEST]abc");
            for (int i = 0; i < 200; i++) {
                stream.append(1000L + i, "event number " + i);
            }
            assertThat(stream.dropped()).isPositive();
            stream.close();
            List<String> lines = Files.readAllLines(store.file("/aws/lambda/f", "2026/01/01/[$LATEST]abc"));
            assertThat(lines.getFirst()).isEqualTo("1000\tevent number 0");
            assertThat(lines.stream().filter(l -> l.contains("reached its limit"))).hasSize(1);
            assertThat(Files.size(store.file("/aws/lambda/f", "2026/01/01/[$LATEST]abc"))).isLessThan(1024 + 200);
        }
    }

    @Test
    void streamNamesCannotEscapeTheLogDirectory() {
        try (LogStore store = new LogStore(dir, 1024)) {
            Path file = store.file("../../etc", "../passwd");
            assertThat(file.normalize().startsWith(dir)).isTrue();
            assertThat(dir.relativize(file).getNameCount()).as("one directory, one file").isEqualTo(2);
        }
    }
}
