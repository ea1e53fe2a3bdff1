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
    private long cursor;
    private long lastIteration;

    MapStep(Branch branch, StateNode st, Scope scope) {
        this.branch = branch;
        this.st = st;
        this.scope = scope;
    }

    Branch.Step execute(JsonNode in) throws StatesError, InterruptedException {
        Dataflow df = branch.dataflow(st);
        JsonNode result;
        try {
            result = Retrier.attempts(branch.run.env, st.retriers(), n -> attempt(df, in));
        } catch (StatesError e) {
            branch.reportEvaluation(st, e, branch.enteredPrev);
            if (!ErrorNames.RUNTIME.equals(e.error())) {
                branch.emit(Events.Ev.bare("MapStateFailed"));
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
        long started = branch.emit(Events.mapStateStarted(items.size()));
        boolean distributed = distributed();
        if (distributed) {
            branch.emit(Events.mapRunStarted(mapRunArn()));
        }
        synchronized (lock) {
            cursor = started;
            lastIteration = started;
        }
        Definition processor = st.branches().get(0);
        boolean silent = distributed || branch.silent;
        Fork.Result r = Fork.run(branch.run, items.size(), limits.maxConcurrency(), !distributed, i -> {
            JsonNode input = df.item(st, in, items.get(i), i, scope);
            long start = silent ? 0 : branch.emitAfter(Events.mapIteration("Started", st.name(), i), cursorNow());
            Branch sub = new Branch(branch.run, processor, Optional.empty(), start, branch.vars, silent);
            try {
                JsonNode out = sub.run(processor.startAt(), input, Optional.empty());
                iterationEnded(silent, "Succeeded", i, sub.prev);
                return out;
            } catch (StatesError | Branch.Terminal e) {
                iterationEnded(silent, "Failed", i, sub.prev);
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
            long ok = branch.emit(Events.Ev.bare("MapRunSucceeded"));
            synchronized (lock) {
                lastIteration = ok;
            }
        }
        long last;
        synchronized (lock) {
            last = lastIteration;
        }
        branch.emitAfter(Events.Ev.bare("MapStateSucceeded"), last);
        if (!branch.silent) {
            branch.prev = last;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            StatesError e = r.errors()[i];
            out.add(e == null ? r.outputs()[i] : errorOutput(e));
        }
        return out;
    }

    private long cursorNow() {
        synchronized (lock) {
            return cursor;
        }
    }

    private void iterationEnded(boolean silent, String outcome, int index, long iterationLast)
            throws InterruptedException {
        if (silent) {
            return;
        }
        long id = branch.emitAfter(Events.mapIteration(outcome, st.name(), index), iterationLast);
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
