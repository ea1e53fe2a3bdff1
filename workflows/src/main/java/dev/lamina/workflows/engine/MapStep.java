package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.Scope;
import dev.lamina.workflows.data.StatesError;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A Map state. INLINE: each item's iteration runs the ItemProcessor with a copy of the variables, at
 * most MaxConcurrency at a time; MapIterationStarted follows the last event of the iterations so far,
 * MapIterationSucceeded/Failed follow the iteration's last event; the first failure fails the Map
 * with the iteration's error. DISTRIBUTED (items given inline): the iterations run the same way but,
 * as AWS's child executions, write nothing to this history; MapRunStarted/MapRunSucceeded/MapRunFailed
 * stand for them, and more failures than ToleratedFailureCount/Percentage (default 0) fail the Map with
 * States.ExceedToleratedFailureThreshold. Results are in item order.
 */
final class MapStep {
    private final Branch branch;
    private final StateNode st;
    private final Scope scope;
    private final Object lock = new Object();
    private final Children children;
    private long cursor;
    private long lastIteration;
    private int count;

    MapStep(Branch branch, StateNode st, Scope scope) {
        this.branch = branch;
        this.st = st;
        this.scope = scope;
        this.children = new Children(branch, st);
    }

    Branch.Step execute(JsonNode in) throws StatesError, InterruptedException {
        Dataflow df = branch.dataflow(st);
        Optional<JsonNode> ended = children.ended();
        if (ended.isPresent()) {
            return Branch.Step.of(st.next(), df.output(st, in, ended.get(), scope));
        }
        JsonNode result;
        try {
            result = Retrier.attempts(branch.run.env, st.retriers(), n -> attempt(df, in));
        } catch (StatesError e) {
            branch.reportEvaluation(st, e, branch.enteredPrev);
            if (!ErrorNames.RUNTIME.equals(e.error())) {
                children.end(Events.Ev.bare("MapStateFailed"), branch.prev, Optional.empty(), Optional.of(e), count);
            }
            throw e;
        }
        return Branch.Step.of(st.next(), df.output(st, in, result, scope));
    }

    private boolean distributed() {
        JsonNode processor = st.json().has("ItemProcessor") ? st.json().get("ItemProcessor") : st.json().path("Iterator");
        return "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText());
    }

    private JsonNode attempt(Dataflow df, JsonNode in) throws StatesError, InterruptedException {
        List<JsonNode> items = df.items(st, in, scope);
        Dataflow.MapLimits limits = df.mapLimits(st, in, scope);
        boolean distributed = distributed();
        count = items.size();
        Optional<Long> resumed = children.started();
        long started = resumed.isPresent() ? resumed.get() : (distributed
                ? children.start(count, Events.mapStateStarted(count), Events.mapRunStarted(mapRunArn()))
                : children.start(count, Events.mapStateStarted(count)))[0];
        synchronized (lock) {
            cursor = started;
            lastIteration = started;
        }
        Definition processor = st.branches().get(0);
        boolean silent = distributed || branch.silent;
        Fork.Result r = Fork.run(branch.run, items.size(), limits.maxConcurrency(), !distributed, i -> {
            Optional<JsonNode> before = children.take(i);
            if (before.isPresent() && Children.done(before.get())) {
                return replay(before.get());
            }
            Frames.Position at;
            if (before.isPresent()) {
                at = Frames.read(Json.text(before.get()));
            } else {
                JsonNode input = df.item(st, in, items.get(i), i, scope);
                at = new Frames.Position(processor.startAt(), input, branch.vars, 0, Optional.empty(),
                        Optional.empty(), Optional.empty());
                long start = children.begin(i, silent ? Optional.empty()
                        : Optional.of(Events.mapIteration("Started", st.name(), i)), cursorNow(), at);
                at = new Frames.Position(at.state(), at.input(), at.vars(), start, Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            Branch sub = new Branch(branch.run, processor, Optional.of(children.of(i)), at.prev(), at.vars(), silent);
            try {
                JsonNode out = sub.run(at.state(), at.input(), Optional.of(at));
                iterationEnded(silent, "Succeeded", i, sub.prev, Optional.of(out), Optional.empty());
                return out;
            } catch (StatesError e) {
                iterationEnded(silent, "Failed", i, sub.prev, Optional.empty(), Optional.of(e));
                throw e;
            } catch (Branch.Terminal e) {
                iterationEnded(silent, "Failed", i, sub.prev, Optional.empty(), Optional.of(e.error));
                throw e;
            }
        });
        if (!distributed && r.failed()) {
            branch.prev = cursorNow();
            throw r.errors()[r.firstFailure()];
        }
        if (distributed) {
            if (exceedsTolerance(r.failures(), items.size(), limits)) {
                String cause = "The specified tolerated failure threshold was exceeded";
                branch.emit(Events.mapRunFailed(Optional.of(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD),
                        Optional.of(cause)));
                throw new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause);
            }
            long ok = branch.silent ? 0 : branch.emit(Events.Ev.bare("MapRunSucceeded"));
            synchronized (lock) {
                lastIteration = ok;
            }
        }
        long last;
        synchronized (lock) {
            last = lastIteration;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            StatesError e = r.errors()[i];
            out.add(e == null ? r.outputs()[i] : errorOutput(e));
        }
        children.end(Events.Ev.bare("MapStateSucceeded"), last, Optional.of(out), Optional.empty(), count);
        return out;
    }

    private long cursorNow() {
        synchronized (lock) {
            return cursor;
        }
    }

    /** An iteration that had ended before a restart: its output or error, and its events' place, without new events. */
    private JsonNode replay(JsonNode done) throws StatesError {
        synchronized (lock) {
            cursor = Math.max(cursor, done.path("last").asLong());
            lastIteration = Math.max(lastIteration, done.path("end").asLong());
        }
        if (done.has("error")) {
            throw Children.error(done);
        }
        return done.get("output");
    }

    private void iterationEnded(boolean silent, String outcome, int index, long iterationLast,
                                Optional<JsonNode> output, Optional<StatesError> error) throws InterruptedException {
        long id = children.done(index, silent ? Optional.empty()
                : Optional.of(Events.mapIteration(outcome, st.name(), index)), iterationLast, output, error);
        if (silent) {
            return;
        }
        synchronized (lock) {
            cursor = Math.max(cursor, iterationLast);
            lastIteration = Math.max(lastIteration, id);
        }
    }

    private static boolean exceedsTolerance(int failures, int total, Dataflow.MapLimits limits) {
        if (failures == 0) {
            return false;
        }
        boolean count = limits.toleratedFailureCount().isPresent()
                && failures <= limits.toleratedFailureCount().getAsInt();
        boolean pct = limits.toleratedFailurePercentage().isPresent()
                && failures * 100.0 / total <= limits.toleratedFailurePercentage().get();
        return !(count || pct);
    }

    private static JsonNode errorOutput(StatesError e) {
        var o = Json.object().put("Error", e.error());
        e.cause().ifPresent(c -> o.put("Cause", c));
        return o;
    }

    private String mapRunArn() {
        Run run = branch.run;
        String label = st.json().path("Label").asText(st.name());
        return "arn:aws:states:" + run.env.settings().region().name() + ":" + run.env.settings().account().id()
                + ":mapRun:" + run.record().machine().name() + "/" + label + ":" + UUID.randomUUID();
    }
}
