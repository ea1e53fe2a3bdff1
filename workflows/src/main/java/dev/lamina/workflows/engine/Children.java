package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.Events.Ev;

import java.util.Optional;

/**
 * The frames of a Map's or Parallel's branches of control, so that a restart resumes each branch or
 * iteration from its own last transition and runs no finished one again. Keys extend the parent
 * branch's frame key ({@link Branch#childKey}):
 * <ul>
 * <li>{@code <parent>/<state>}, the state's frame: {@code {"started": id, "prev": id}} from its …StateStarted event
 *     on; {@code {"result": […], "prev": id}} or {@code {"error": …, "cause": …, "prev": id}} in the
 *     transition of its …StateSucceeded/Failed event (a restart then only continues the parent). The
 *     parent removes it with its next position ({@link Branch#finished}).</li>
 * <li>{@code <parent>/<state>/<index>}, a branch or iteration: a {@link Frames.Position} while it runs
 *     (written by the child {@link Branch} with its events), then {@code {"done": true, "output": …}} or
 *     {@code {"done": true, "error": …, "cause": …}} with {@code last} (its last event) and {@code end}
 *     (its MapIteration… event, if any). Removed with the state's end or its next attempt.</li>
 * </ul>
 * Inside a silent branch (a distributed Map's iteration) nothing is written: it runs again as a whole.
 */
final class Children {
    private final Branch parent;
    final String key;
    private Optional<JsonNode> resumed;

    Children(Branch parent, StateNode st) {
        this.parent = parent;
        this.key = parent.childKey(st);
        this.resumed = parent.run.takeFrame(key).map(Json::parse);
    }

    String of(int index) {
        return key + "/" + index;
    }

    /** A child's frame from before a restart (once). */
    Optional<JsonNode> take(int index) {
        return parent.run.takeFrame(of(index)).map(Json::parse);
    }

    /** After a restart, when the state had already ended: its result, or its error thrown; the parent's position is restored. */
    Optional<JsonNode> ended() throws StatesError {
        if (resumed.isEmpty() || !(resumed.get().has("result") || resumed.get().has("error"))) {
            return Optional.empty();
        }
        JsonNode f = resumed.get();
        resumed = Optional.empty();
        parent.prev = f.path("prev").asLong(parent.prev);
        if (f.has("error")) {
            throw error(f);
        }
        return Optional.of(f.get("result"));
    }

    /** After a restart, while the state ran: the id of its …StateStarted event (once, for the first attempt). */
    Optional<Long> started() {
        Optional<Long> id = resumed.filter(f -> f.has("started")).map(f -> f.get("started").asLong());
        resumed.ifPresent(f -> parent.prev = f.path("prev").asLong(parent.prev));
        resumed = Optional.empty();
        return id;
    }

    static boolean done(JsonNode child) {
        return child.path("done").asBoolean(false);
    }

    static StatesError error(JsonNode f) {
        return new StatesError(f.path("error").asText(),
                f.has("cause") ? Optional.of(f.get("cause").asText()) : Optional.empty());
    }

    /** Writes the state's …StateStarted event(s) (each following the one before) with its frame; drops {@code n} children's old frames. */
    long[] start(int n, Ev... events) throws InterruptedException {
        long[] ids = new long[events.length];
        if (parent.silent) {
            return ids;
        }
        try (History.Tx tx = parent.run.history.begin()) {
            long previous = parent.prev;
            for (int i = 0; i < events.length; i++) {
                previous = ids[i] = tx.add(events[i], previous);
            }
            tx.frame(key, Optional.of(Json.text(Json.object().put("started", ids[0]).put("prev", previous))));
            for (int i = 0; i < n; i++) {
                tx.frame(of(i), Optional.empty());
            }
            tx.commit();
        }
        parent.prev = ids[ids.length - 1];
        return ids;
    }

    /**
     * Writes the state's end event after {@code previous} with its result or error in its frame, drops
     * {@code n} children's frames; the parent's position becomes {@code previous} (success) or the event (failure).
     */
    long end(Ev event, long previous, Optional<JsonNode> result, Optional<StatesError> error, int n)
            throws InterruptedException {
        if (parent.silent) {
            return 0;
        }
        long id;
        try (History.Tx tx = parent.run.history.begin()) {
            id = tx.add(event, previous);
            ObjectNode f = Json.object();
            result.ifPresent(r -> f.set("result", r));
            error.ifPresent(e -> errorFields(f, e));
            f.put("prev", result.isPresent() ? previous : id);
            tx.frame(key, Optional.of(Json.text(f)));
            for (int i = 0; i < n; i++) {
                tx.frame(of(i), Optional.empty());
            }
            tx.commit();
        }
        parent.prev = result.isPresent() ? previous : id;
        parent.finished(key);
        return id;
    }

    /** Writes a child's first event (if any, after {@code previous}) with its frame {@code at} (whose prev is that event). */
    long begin(int index, Optional<Ev> event, long previous, Frames.Position at) throws InterruptedException {
        if (parent.silent) {
            return 0;
        }
        try (History.Tx tx = parent.run.history.begin()) {
            long id = event.isPresent() ? tx.add(event.get(), previous) : previous;
            tx.frame(of(index), Optional.of(Frames.write(new Frames.Position(at.state(), at.input(), at.vars(), id,
                    Optional.empty(), Optional.empty(), Optional.empty()))));
            tx.commit();
            return id;
        }
    }

    /** Records a child's end: its event (if any, after {@code last}, its last event) and its done frame; returns the event's id. */
    long done(int index, Optional<Ev> event, long last, Optional<JsonNode> output, Optional<StatesError> error)
            throws InterruptedException {
        if (parent.silent) {
            return 0;
        }
        try (History.Tx tx = parent.run.history.begin()) {
            long id = event.isPresent() ? tx.add(event.get(), last) : last;
            ObjectNode f = Json.object().put("done", true);
            output.ifPresent(o -> f.set("output", o));
            error.ifPresent(e -> errorFields(f, e));
            f.put("last", last).put("end", id);
            tx.frame(of(index), Optional.of(Json.text(f)));
            tx.commit();
            return id;
        }
    }

    private static void errorFields(ObjectNode f, StatesError e) {
        f.put("error", e.error());
        e.cause().ifPresent(c -> f.put("cause", c));
    }
}
