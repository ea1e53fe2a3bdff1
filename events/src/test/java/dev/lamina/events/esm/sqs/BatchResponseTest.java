package dev.lamina.events.esm.sqs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BatchResponseTest {
    static final Set<String> IDS = Set.of("m1", "m2");

    static Optional<Set<String>> read(String answer) {
        return BatchResponse.failedIds(answer.getBytes(StandardCharsets.UTF_8), IDS);
    }

    @Test
    void emptyAndNullAnswersAreCompleteSuccesses() {
        for (String answer : new String[]{"", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}"}) {
            assertThat(read(answer)).as(answer).contains(Set.of());
        }
    }

    @Test
    void listedMessagesFail() {
        assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}")).contains(Set.of("m2"));
    }

    @Test
    void anythingElseFailsTheWholeBatch() {
        for (String answer : new String[]{"not json", "[1]", "\"text\"", "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m9\"}]}", "{\"batchItemFailures\":{}}"}) {
            assertThat(read(answer)).as(answer).isEmpty();
        }
    }
}
