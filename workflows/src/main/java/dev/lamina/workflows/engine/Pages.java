package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.StatesErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ListExecutions and GetExecutionHistory pages. Tokens are opaque to callers: base64 of
 * {@code e:<last execution ARN>} or {@code h:<last event id>}; a token that is not one → InvalidToken.
 */
final class Pages {
    private Pages() {
    }

    static int size(int maxResults) {
        return maxResults <= 0 ? 100 : Math.min(maxResults, 1000);
    }

    static Page<ExecutionRecord> executions(ExecutionJournal journal, String machineArn,
                                            Optional<ExecutionStatus> status, int maxResults,
                                            Optional<String> nextToken) {
        int max = size(maxResults);
        Optional<String> after = nextToken.map(t -> decode(t, "e:"));
        List<ExecutionRecord> items = journal.list(machineArn, status, after, max + 1);
        if (items.size() <= max) {
            return new Page<>(items, Optional.empty());
        }
        List<ExecutionRecord> page = items.subList(0, max);
        return new Page<>(page, Optional.of(encode("e:" + page.get(max - 1).executionArn())));
    }

    static Page<HistoryEvent> history(ExecutionJournal journal, String arn, boolean reverse, int maxResults,
                                      Optional<String> nextToken, boolean includeData) {
        int max = size(maxResults);
        long from;
        try {
            from = nextToken.map(t -> Long.parseLong(decode(t, "h:"))).orElse(reverse ? 0L : 0L);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        List<HistoryEvent> events = journal.history(arn, from, max + 1, reverse);
        Optional<String> next = Optional.empty();
        if (events.size() > max) {
            events = events.subList(0, max);
            next = Optional.of(encode("h:" + events.get(max - 1).id()));
        }
        if (!includeData) {
            List<HistoryEvent> stripped = new ArrayList<>();
            for (HistoryEvent e : events) {
                stripped.add(new HistoryEvent(e.id(), e.previousEventId(), e.timestamp(), e.type(), strip(e.details())));
            }
            events = stripped;
        }
        return new Page<>(events, next);
    }

    /** The details without the execution data (inputs, outputs, parameters), as includeExecutionData=false. */
    private static ObjectNode strip(ObjectNode details) {
        ObjectNode copy = details.deepCopy();
        for (JsonNode member : copy) {
            if (member instanceof ObjectNode o) {
                o.remove(List.of("input", "output", "parameters", "assignedVariables"));
            }
        }
        return copy;
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String prefix) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!raw.startsWith(prefix)) {
            throw invalid();
        }
        return raw.substring(prefix.length());
    }

    private static RuntimeException invalid() {
        return StatesErrors.invalidToken("Invalid Token: 'Invalid token'");
    }
}
