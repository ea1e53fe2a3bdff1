package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CloudWatch Logs API through the AWS SDK's CloudWatchLogsClient: logs written by real Node.js and
 * Python functions, read back and paged as CloudWatch pages them, and PutLogEvents' own events.
 */
class LogsApiIT extends ServerPerClass {
    static CloudWatchLogsClient logs;
    static final String FLOOD_LINE = "f".repeat(1023);

    @BeforeAll
    static void deploy() {
        logs = server.logs();
        Functions.create(lambda, "logs-node", "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.memorySize(256));
        Functions.create(lambda, "logs-python", "python3.12", "app.handler", Packages.python(), b -> b.memorySize(256));
    }

    @AfterAll
    static void closeClient() {
        logs.close();
    }

    static String newestStream(String group) {
        return logs.describeLogStreams(r -> r.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME).descending(true)
                .limit(1)).logStreams().getFirst().logStreamName();
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs-node", "logs-python"})
    void aFunctionsLogGroupAppearsWithItsFirstWriteAndItsLinesReadBack(String function) {
        String marker = UUID.randomUUID().toString();
        Functions.Invocation r = Functions.invoke(lambda, function, "{\"action\":\"echo\",\"marker\":\"" + marker + "\"}");
        String group = "/aws/lambda/" + function;
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups())
                .anySatisfy(g -> {
                    assertThat(g.logGroupName()).isEqualTo(group);
                    assertThat(g.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:" + group + ":*");
                    assertThat(g.metricFilterCount()).isZero();
                });
        String stream = newestStream(group);
        assertThat(stream).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true))
                    .events().stream().map(OutputLogEvent::message).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("START RequestId: " + r.requestId()));
            assertThat(lines).anyMatch(l -> l.contains(marker));
            assertThat(lines).anyMatch(l -> l.startsWith("REPORT RequestId: " + r.requestId()));
        });
    }

    @Test
    void aThousandLinesPageForwardAndBackwardAndThroughFilterLogEvents() {
        Functions.Invocation r = Functions.invoke(lambda, "logs-python", "{\"action\":\"flood\",\"mb\":1}");
        assertThat(r.payload()).isEqualTo("\"flooded\"");
        String group = "/aws/lambda/logs-python";
        String stream = newestStream(group);
        await().atMost(Duration.ofSeconds(20)).until(() -> forward(group, stream).stream()
                .filter(FLOOD_LINE::equals).count() >= 1024);
        List<String> forward = forward(group, stream);
        assertThat(forward.stream().filter(FLOOD_LINE::equals)).hasSize(1024);

        // Backwards from the end, 100 at a time: the same events, the same order.
        List<String> backward = new ArrayList<>();
        GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).limit(100));
        while (!page.events().isEmpty()) {
            backward.addAll(0, page.events().stream().map(OutputLogEvent::message).toList());
            String token = page.nextBackwardToken();
            page = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).limit(100).nextToken(token));
            if (page.events().isEmpty()) {
                assertThat(page.nextBackwardToken()).as("the same token at the start").isEqualTo(token);
            }
        }
        assertThat(backward).isEqualTo(forward);

        List<FilteredLogEvent> filtered = new ArrayList<>();
        // Longer than any run of one hex digit in a request id, which START, END and REPORT carry.
        logs.filterLogEventsPaginator(b -> b.logGroupName(group).logStreamNames(stream).limit(77)
                .filterPattern("f".repeat(16))).forEach(p -> filtered.addAll(p.events()));
        assertThat(filtered).hasSize(1024).allSatisfy(e -> assertThat(e.logStreamName()).isEqualTo(stream));
        assertThat(filtered.stream().map(FilteredLogEvent::eventId).distinct()).hasSize(1024);
        assertThat(filtered).isSortedAccordingTo(java.util.Comparator.comparing(FilteredLogEvent::timestamp));
    }

    /** Every event of a stream, oldest first, 100 a page until the forward token comes back unchanged. */
    static List<String> forward(String group, String stream) {
        List<String> out = new ArrayList<>();
        String token = null;
        while (true) {
            String t = token;
            GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                    .startFromHead(true).limit(100).nextToken(t));
            out.addAll(page.events().stream().map(OutputLogEvent::message).toList());
            if (page.nextForwardToken().equals(token)) {
                assertThat(page.events()).isEmpty();
                return out;
            }
            token = page.nextForwardToken();
        }
    }

    @Test
    void putLogEventsKeepsAnyMessageAndFilterLogEventsInterleavesStreamsInTimeOrder() {
        String group = "/test/put-" + UUID.randomUUID();
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("a"));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("b"));
        long now = System.currentTimeMillis();
        List<String> hostile = List.of("line one\nline two", "tab\tseparated", "ünïcødé 😀", "  spaced  ", "{\"level\":\"ERROR\"}");
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            events.add(InputLogEvent.builder().timestamp(now - 10_000 + i * 2L).message(hostile.get(i)).build());
        }
        PutLogEventsResponse put = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("a").logEvents(events)
                .sequenceToken("ignored"));
        assertThat(put.rejectedLogEventsInfo()).isNull();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("b").logEvents(
                InputLogEvent.builder().timestamp(now - 10_000 + 1).message("from b").build()));

        assertThat(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("a").startFromHead(true)).events())
                .extracting(OutputLogEvent::message).containsExactlyElementsOf(hostile);
        var all = logs.filterLogEvents(b -> b.logGroupIdentifier(group).interleaved(true));
        assertThat(all.events()).extracting(FilteredLogEvent::message)
                .containsExactly("line one\nline two", "from b", "tab\tseparated", "ünïcødé 😀", "  spaced  ",
                        "{\"level\":\"ERROR\"}");
        assertThat(all.searchedLogStreams()).hasSize(2).allSatisfy(s -> assertThat(s.searchedCompletely()).isTrue());
        assertThat(logs.filterLogEvents(b -> b.logGroupName(group).filterPattern("two")).events())
                .extracting(FilteredLogEvent::message).containsExactly("line one\nline two");
        assertThat(logs.filterLogEvents(b -> b.logGroupName(group).logStreamNamePrefix("b")
                .startTime(now - 10_000).endTime(now)).events()).extracting(FilteredLogEvent::message)
                .containsExactly("from b");
    }

    @Test
    void eventsTooOldTooNewOrPastRetentionAreReportedAndNotStored() {
        String group = "/test/rejected-" + UUID.randomUUID();
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        long now = System.currentTimeMillis();
        long day = 86_400_000L;
        var old = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                event(now - 15 * day, "too old"), event(now - 15 * day + 1, "too old too")));
        assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(2); // exclusive
        var future = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                event(now, "kept 2"), event(now + 3 * 3_600_000L, "too new")));
        assertThat(future.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
        logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(1));
        var expired = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                event(now - 25 * 3_600_000L, "expired"), event(now - 2 * 3_600_000L, "kept 1")));
        assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);
        assertThat(expired.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
        assertThat(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").startFromHead(true)).events())
                .extracting(OutputLogEvent::message).containsExactly("kept 1", "kept 2");
    }

    static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    @Test
    void aRetentionPolicyHidesAndDeletesOlderEventsAndCanBeRemoved() {
        String group = "/test/retention-" + UUID.randomUUID();
        logs.createLogGroup(b -> b.logGroupName(group).tags(java.util.Map.of("team", "logs")));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        long now = System.currentTimeMillis();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(now - 10 * 86_400_000L, "old")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(now, "new")));
        long before = logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().getFirst().storedBytes();
        logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(7));
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().getFirst().retentionInDays())
                .isEqualTo(7);
        assertThat(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").startFromHead(true)).events())
                .extracting(OutputLogEvent::message).containsExactly("new");
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.describeLogGroups(b -> b.logGroupNamePrefix(group))
                .logGroups().getFirst().storedBytes() < before);
        logs.deleteRetentionPolicy(b -> b.logGroupName(group));
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().getFirst().retentionInDays())
                .isNull();
    }

    @Test
    void streamsAreListedByNameOrLastEventTimeAndPaged() {
        String group = "/test/streams-" + UUID.randomUUID();
        logs.createLogGroup(b -> b.logGroupName(group));
        for (String s : List.of("b", "a", "c")) {
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(s));
        }
        long now = System.currentTimeMillis();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("c").logEvents(event(now - 1000, "c")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("a").logEvents(event(now, "a")));
        List<String> byName = new ArrayList<>();
        logs.describeLogStreamsPaginator(b -> b.logGroupName(group).limit(1))
                .forEach(p -> byName.addAll(p.logStreams().stream().map(LogStream::logStreamName).toList()));
        assertThat(byName).containsExactly("a", "b", "c");
        assertThat(logs.describeLogStreams(b -> b.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME).descending(true))
                .logStreams()).extracting(LogStream::logStreamName).containsExactly("a", "c", "b");
        LogStream a = logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix("a")).logStreams().getFirst();
        assertThat(a.firstEventTimestamp()).isEqualTo(now);
        assertThat(a.lastEventTimestamp()).isEqualTo(now);
        assertThat(a.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:" + group + ":log-stream:a");
        logs.deleteLogStream(b -> b.logGroupName(group).logStreamName("a"));
        logs.deleteLogGroup(b -> b.logGroupName(group));
        assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups()).isEmpty();
    }
}
