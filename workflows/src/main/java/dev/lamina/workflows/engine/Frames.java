package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The frame documents: where a branch of control stands, as JSON, so a restarted engine continues
 * from there. {@link #ROOT} is the execution's top level; each branch of a Parallel and each iteration
 * of a Map has its own, keyed {@code root/<state>/<index>} (nested: {@code root/P/0/M/3}; see {@link Children}):
 * <pre>{"state": "S", "input": …, "vars": {…}, "prev": 7, "entered": 8, "enteredAt": "…", "waitUntil": "…"}</pre>
 * Without {@code entered} the state is about to be entered; with it the state was entered (event
 * {@code entered}) and its work runs again on resume (a Task is called again; a Parallel or Map
 * resumes its unfinished branches or iterations from their own frames); {@code waitUntil} is a Wait state's deadline, kept across restarts.
 * After the end state, {@code state} is {@code ""} and {@code input} the output, so a restart only
 * records the execution's end. A failed, aborted or timed-out execution keeps its frame for RedriveExecution.
 */
final class Frames {
    static final String ROOT = "root";
    /** The state name of a frame whose branch has ended: its {@code input} is the branch's output. */
    static final String END = "";

    private Frames() {
    }

    record Position(String state, JsonNode input, Map<String, JsonNode> vars, long prev, Optional<Long> entered,
                    Optional<Instant> enteredAt, Optional<Instant> waitUntil) {
        Position withWait(Instant until) {
            return new Position(state, input, vars, prev, entered, enteredAt, Optional.of(until));
        }
    }

    static String write(Position p) {
        ObjectNode o = Json.object();
        o.put("state", p.state());
        o.set("input", p.input());
        ObjectNode vars = o.putObject("vars");
        p.vars().forEach(vars::set);
        o.put("prev", p.prev());
        p.entered().ifPresent(e -> o.put("entered", e));
        p.enteredAt().ifPresent(e -> o.put("enteredAt", e.toString()));
        p.waitUntil().ifPresent(w -> o.put("waitUntil", w.toString()));
        return Json.text(o);
    }

    static Position read(String document) {
        JsonNode o = Json.parse(document);
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        o.path("vars").properties().forEach(e -> vars.put(e.getKey(), e.getValue()));
        return new Position(o.path("state").asText(), o.path("input"), vars, o.path("prev").asLong(),
                o.has("entered") ? Optional.of(o.get("entered").asLong()) : Optional.empty(),
                o.has("enteredAt") ? Optional.of(Instant.parse(o.get("enteredAt").asText())) : Optional.empty(),
                o.has("waitUntil") ? Optional.of(Instant.parse(o.get("waitUntil").asText())) : Optional.empty());
    }
}
