package dev.lamina.workflows.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.engine.Executions;
import dev.lamina.workflows.engine.HistoryEvent;
import dev.lamina.workflows.engine.Page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ListMapRuns: the map runs (Distributed Map states) of an execution, read from its history
 * (MapRunStarted, and the MapRunSucceeded/MapRunFailed/MapRunAborted that follows it).
 * DescribeMapRun and UpdateMapRun are not answered: the engine keeps no per-run item counts.
 */
final class MapRunOps {
    private static final Set<String> ENDS = Set.of("MapRunSucceeded", "MapRunFailed", "MapRunAborted");

    private final Executions executions;

    MapRunOps(Executions executions) {
        this.executions = executions;
    }

    void register(Map<String, StatesOperations.Operation> operations) {
        operations.put("ListMapRuns", this::list);
    }

    private JsonNode list(ObjectNode in) {
        String execution = Fields.required(in, "executionArn");
        StatesArn.parse(execution, Set.of("execution"));
        List<ObjectNode> runs = new ArrayList<>();
        Map<Long, ObjectNode> byStartEvent = new HashMap<>();
        Optional<String> token = Optional.empty();
        do {
            Page<HistoryEvent> page = executions.history(execution, false, 1000, token, false);
            for (HistoryEvent e : page.items()) {
                if (e.type().equals("MapRunStarted")) {
                    String arn = e.details().path("mapRunStartedEventDetails").path("mapRunArn").asText();
                    ObjectNode run = Fields.object().put("executionArn", execution).put("mapRunArn", arn)
                            .put("stateMachineArn", machineOf(arn)).put("startDate", Fields.seconds(e.timestamp()));
                    runs.add(run);
                    byStartEvent.put(e.id(), run);
                } else if (ENDS.contains(e.type()) && byStartEvent.containsKey(e.previousEventId())) {
                    byStartEvent.get(e.previousEventId()).put("stopDate", Fields.seconds(e.timestamp()));
                }
            }
            token = page.nextToken();
        } while (token.isPresent());
        Fields.Page<ObjectNode> page = Fields.page(in, runs, r -> r.path("mapRunArn").asText());
        ObjectNode out = Fields.object();
        ArrayNode items = out.putArray("mapRuns");
        page.items().forEach(items::add);
        page.nextToken(out);
        return out;
    }

    /** {@code …:mapRun:<machine>/<label>:<id>} → {@code …:stateMachine:<machine>/<label>}, as AWS names a map run's machine. */
    static String machineOf(String mapRunArn) {
        int last = mapRunArn.lastIndexOf(':');
        String withoutId = last < 0 ? mapRunArn : mapRunArn.substring(0, last);
        return withoutId.replace(":mapRun:", ":stateMachine:");
    }
}
