package dev.lamina.workflows.asl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every definition AWS accepted in the recorded conformance cases (read at test time from
 * ../shared/conformance/stepfunctions, never copied) is accepted here, with its tokens replaced.
 */
class ConformanceDefinitionsTest {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^}]+)}}");

    static Path casesDir() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path dir = p.resolveSibling("shared").resolve("conformance/stepfunctions/cases");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("../shared/conformance/stepfunctions/cases not found");
    }

    /** The text with each {{token}} replaced by a plausible name (a queue URL for {{queue_url:q}}). */
    static String withTokens(String text) {
        return TOKEN.matcher(text).replaceAll(m -> {
            String t = m.group(1);
            return t.startsWith("queue_url:")
                    ? "https://sqs.us-east-1.amazonaws.com/000000000000/" + t.substring("queue_url:".length())
                    : "name-" + t;
        });
    }

    static List<Path> definitions() throws IOException {
        try (Stream<Path> cases = Files.list(casesDir())) {
            return cases.sorted().flatMap(c -> {
                try (Stream<Path> files = Files.list(c)) {
                    return files.filter(f -> f.getFileName().toString().endsWith(".json")
                            && (f.getFileName().toString().equals("definition.json")
                            || f.getFileName().toString().startsWith("nested-"))).sorted().toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedDefinitionIsAccepted() throws IOException {
        List<Path> all = definitions();
        assertThat(all).as("recorded definitions").hasSizeGreaterThan(100);
        return all.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(), () -> {
            String text = withTokens(Files.readString(f));
            assertThatCode(() -> Definitions.parse(text)).doesNotThrowAnyException();
        }));
    }
}
