package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.logs.LogSettings;
import dev.lamina.logs.LogStore;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.server.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** FilterLogEvents' pages over a real store: what bounds a page, and that paging neither skips nor repeats. */
class FilterLogEventsTest {
    static final long NOW = 1_796_000_400_000L;
    static final String GROUP = "/test/filter";

    @TempDir
    Path dir;
    LogStore store;

    private FilterLogEvents filter(long maxScannedBytes) {
        store = new LogStore(dir, new LogSettings(1 << 20, 1L << 30, Duration.ofDays(1)),
                InstantSource.fixed(Instant.ofEpochMilli(NOW)));
        store.createGroup(GROUP, Optional.empty(), java.util.Map.of());
        return new FilterLogEvents(store, new Arns(new Region("us-east-1"), new AccountId("000000000000")),
                maxScannedBytes);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** Every page from the start, each request made by {@code request} from the last page's token. */
    private static List<JsonNode> pages(FilterLogEvents filter, UnaryOperator<ObjectNode> request) {
        List<JsonNode> pages = new ArrayList<>();
        String token = null;
        do {
            ObjectNode in = request.apply(Json.object().put("logGroupName", GROUP));
            if (token != null) {
                in.put("nextToken", token);
            }
            JsonNode page = filter.handle(in);
            pages.add(page);
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null && pages.size() < 100);
        return pages;
    }

    private static List<String> messages(List<JsonNode> pages) {
        List<String> out = new ArrayList<>();
        pages.forEach(p -> p.get("events").forEach(e -> out.add(e.get("message").asText())));
        return out;
    }

    @Test
    void aPageEndsWhenItsScannedBytesAreSpentEvenIfNothingMatched() {
        FilterLogEvents filter = filter(1000);
        store.createStream(GROUP, "s");
        List<LogStore.Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new LogStore.Event(NOW - 1000 + i, i + "x".repeat(299))); // 300 bytes + 26: 326 each
        }
        store.put(GROUP, "s", events);

        // 1000 bytes are spent after the 4th event (1304), not after the 3rd (978): pages of 4, 4 and 2.
        List<JsonNode> none = pages(filter, in -> in.put("filterPattern", "nomatch"));
        assertThat(none).hasSize(3).allSatisfy(p -> assertThat(p.get("events")).isEmpty());
        List<JsonNode> all = pages(filter, in -> in.put("filterPattern", "x"));
        assertThat(all.stream().map(p -> p.get("events").size())).containsExactly(4, 4, 2);
        assertThat(messages(all)).hasSize(10).allSatisfy(m -> assertThat(m).endsWith("x"));
    }

    @Test
    void smallPagesOverStreamsSharingTimestampsSkipAndRepeatNothingInTimeOrder() {
        FilterLogEvents filter = filter(FilterLogEvents.MAX_SCANNED_BYTES);
        List<String> expected = new ArrayList<>();
        for (long t = 0; t < 4; t++) {
            for (String s : List.of("a", "b", "c")) {
                expected.add(s + t + "-1");
                expected.add(s + t + "-2");
            }
        }
        for (String s : List.of("c", "a", "b")) {
            store.createStream(GROUP, s);
            List<LogStore.Event> events = new ArrayList<>();
            for (long t = 0; t < 4; t++) {
                events.add(new LogStore.Event(NOW - 1000 + t, s + t + "-1"));
                events.add(new LogStore.Event(NOW - 1000 + t, s + t + "-2"));
            }
            store.put(GROUP, s, events);
        }
        for (int limit : new int[] {1, 2, 5}) {
            List<JsonNode> pages = pages(filter, in -> in.put("limit", limit));
            assertThat(messages(pages)).as("limit " + limit).containsExactlyElementsOf(expected);
            List<Long> times = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            pages.forEach(p -> p.get("events").forEach(e -> {
                times.add(e.get("timestamp").asLong());
                ids.add(e.get("eventId").asText());
            }));
            assertThat(times).isSorted();
            assertThat(ids).doesNotHaveDuplicates();
        }
    }
}
