package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.Definition;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.asl.StateType;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.Outcome;
import dev.lamina.workflows.data.Scope;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.Events.Ev;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One branch of control: the interpreter's loop over the states of a definition (the machine's top
 * level, a Parallel branch, a Map iteration) from a start state to an end state or a failure. It owns
 * the branch's variables and its position in the history ({@link #prev}, the event its next event
 * follows from), and, at the top level, the execution's frame.
 */
final class Branch {
    /** The end of a state: where to go (empty: the branch ends), its output and its assigned variables. */
    record Step(Optional<String> next, JsonNode output, Map<String, JsonNode> assigned) {
        static Step of(Optional<String> next, Outcome o) {
            return new Step(next, o.output(), o.assigned());
        }
    }

    /** A state's own output over the payload limit: it fails the branch; no Catch applies (AWS: terminal). */
    static final class Terminal extends Exception {
        final StatesError error;

        Terminal(StatesError error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static final Pattern LOCATION = Pattern.compile(
            "specified for the field '([^']+)'|\\)\\. The (\\w+) field ");

    final Run run;
    final Definition definition;
    final Optional<String> frameKey;
    /** Frames of finished Map/Parallel states, removed with this branch's next frame write. */
    private final java.util.List<String> stale = new java.util.ArrayList<>();
    final boolean silent;
    /** The id of this branch's last event: the next event's previousEventId. */
    volatile long prev;
    Map<String, JsonNode> vars;
    /** The exit of the previous state, written together with the next state's entry. */
    private Ev pendingExit;
    /** The previousEventId of the current state's entry: AWS's EvaluationFailed follows that event too. */
    long enteredPrev;

    Branch(Run run, Definition definition, Optional<String> frameKey, long prev, Map<String, JsonNode> vars,
           boolean silent) {
        this.run = run;
        this.definition = definition;
        this.frameKey = frameKey;
        this.prev = prev;
        this.vars = new HashMap<>(vars);
        this.silent = silent;
    }

    Dataflow dataflow(StateNode st) {
        return run.env.dataflows().apply(st.language());
    }

    /** Adds one event after {@link #prev} in its own transition, and moves this branch's position to it. */
    long emit(Ev ev) throws InterruptedException {
        long id = emitAfter(ev, prev);
        if (!silent) {
            prev = id;
        }
        return id;
    }

    /** Adds one event following {@code previous} without moving this branch's position. */
    long emitAfter(Ev ev, long previous) throws InterruptedException {
        if (silent) {
            return 0;
        }
        try (History.Tx tx = run.history.begin()) {
            long id = tx.add(ev, previous);
            tx.commit();
            return id;
        }
    }

    /**
     * Runs from {@code start} with {@code input}; {@code resume} continues a state entered before a restart.
     *
     * @return the output of the end state
     * @throws StatesError the branch failed with this error
     * @throws Terminal    a state's output exceeded the payload limit
     */
    JsonNode run(String start, JsonNode input, Optional<Frames.Position> resume)
            throws StatesError, Terminal, InterruptedException {
        if (start.equals(Frames.END)) {
            return input;
        }
        String name = start;
        JsonNode in = input;
        while (true) {
            StateNode st = definition.state(name);
            enteredPrev = prev;
            long entered;
            Instant enteredAt;
            Optional<Instant> waitUntil = Optional.empty();
            if (resume.isPresent() && resume.get().entered().isPresent()) {
                entered = resume.get().entered().get();
                enteredAt = resume.get().enteredAt().orElse(run.env.clock().instant());
                waitUntil = resume.get().waitUntil();
            } else {
                Instant[] at = new Instant[1];
                entered = enter(st, in, at);
                enteredAt = at[0];
            }
            resume = Optional.empty();
            run.checkStopping();
            long before = enteredPrev;
            Frames.Position at = new Frames.Position(name, in, vars, entered, Optional.of(entered),
                    Optional.of(enteredAt), waitUntil);
            Scope scope = new Scope(run.context(st, enteredAt, 0, Optional.empty()), vars, entered);
            Step step;
            try {
                step = Steps.execute(this, st, in, scope, at);
            } catch (StatesError e) {
                step = recover(st, in, scope, e, before);
            }
            String output = Json.text(step.output());
            if (Json.tooLarge(output)) {
                throw new Terminal(new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + name
                        + "' returned a result with a size exceeding the maximum number of bytes service limit."));
            }
            Map<String, JsonNode> after = new HashMap<>(vars);
            after.putAll(step.assigned());
            vars = after;
            if (st.type() != StateType.FAIL) {
                exit(st, output, step, scope);
            }
            if (step.next().isEmpty()) {
                return step.output();
            }
            name = step.next().get();
            in = step.output();
        }
    }

    /** Records the state's entry; {@code at[0]} receives its time (the entry event's timestamp). */
    private long enter(StateNode st, JsonNode in, Instant[] at) throws InterruptedException {
        if (silent) {
            at[0] = run.env.clock().instant();
            return 0;
        }
        try {
            return enterWithExit(st, in, at);
        } catch (History.Full full) {
            if (pendingExit != null) {
                prev = emitAfter(pendingExit, prev); // the last state's exit still fits
                pendingExit = null;
            }
            throw full;
        }
    }

    private long enterWithExit(StateNode st, JsonNode in, Instant[] at) throws InterruptedException {
        try (History.Tx tx = run.history.begin()) {
            at[0] = tx.at();
            long previous = prev;
            if (pendingExit != null) {
                previous = tx.add(pendingExit, previous);
            }
            enteredPrev = previous;
            long id = tx.add(Events.stateEntered(st.type().wire(), st.name(), Json.text(in)), previous);
            frameKey.ifPresent(k -> tx.frame(k, Optional.of(Frames.write(new Frames.Position(st.name(), in, vars,
                    id, Optional.of(id), Optional.of(tx.at()), Optional.empty())))));
            dropStale(tx);
            tx.commit();
            stale.clear();
            pendingExit = null;
            prev = id;
            return id;
        }
    }

    private void exit(StateNode st, String output, Step step, Scope scope) throws InterruptedException {
        if (silent) {
            return;
        }
        Ev exited = Events.stateExited(st.type().wire(), st.name(), output, step.assigned());
        if (step.next().isPresent()) {
            // Written with the next state's entry, in one transition: nothing runs in between, and the
            // frame then moves from this state's entry straight to the next state's.
            pendingExit = exited;
            return;
        }
        try (History.Tx tx = run.history.begin()) {
            long id = tx.add(exited, prev);
            if (frameKey.isPresent()) {
                // After the end state the frame holds the branch's output under the state name "" (Frames.END).
                tx.frame(frameKey.get(), Optional.of(Frames.write(new Frames.Position(Frames.END,
                        step.output(), vars, id, Optional.empty(), Optional.empty(), Optional.empty()))));
            }
            dropStale(tx);
            tx.commit();
            stale.clear();
            prev = id;
        }
    }

    /** The frame key of a Map's or Parallel's own frame in this branch (its children's keys extend it). */
    String childKey(StateNode st) {
        return frameKey.orElse("") + "/" + st.name();
    }

    /** A finished Map's or Parallel's frame: removed with this branch's next position (until then it answers a restart). */
    void finished(String key) {
        stale.add(key);
    }

    private void dropStale(History.Tx tx) {
        for (String k : stale) {
            tx.frame(k, Optional.empty());
        }
    }

    /** Writes a changed frame of the state being run (a Wait's deadline). */
    void saveFrame(Frames.Position p) throws InterruptedException {
        if (silent || frameKey.isEmpty()) {
            return;
        }
        try (History.Tx tx = run.history.begin()) {
            tx.frame(frameKey.get(), Optional.of(Frames.write(p)));
            tx.commit();
        }
    }

    /** A state's error: EvaluationFailed for a query error, then the first matching catcher, else the error goes up. */
    Step recover(StateNode st, JsonNode in, Scope scope, StatesError e, long beforeEntered)
            throws StatesError, InterruptedException {
        reportEvaluation(st, e, beforeEntered);
        if (ErrorNames.RUNTIME.equals(e.error())) {
            throw e; // AWS: a States.Runtime error always fails the execution
        }
        for (ObjectNode catcher : st.catchers()) {
            if (Retrier.matches(catcher.path("ErrorEquals"), e.error())) {
                ObjectNode errorOutput = Json.object().put("Error", e.error());
                e.cause().ifPresent(c -> errorOutput.put("Cause", c));
                Outcome o = dataflow(st).caught(st, catcher, in, errorOutput, scope);
                return Step.of(Optional.of(catcher.path("Next").asText()), o);
            }
        }
        throw e;
    }

    private final java.util.Set<StatesError> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** AWS's EvaluationFailed event for States.QueryEvaluationError, once per error; it follows the event before the state's entry. */
    void reportEvaluation(StateNode st, StatesError e, long beforeEntered) throws InterruptedException {
        if (!ErrorNames.QUERY_EVALUATION_ERROR.equals(e.error()) || !reported.add(e)) {
            return;
        }
        Optional<String> location = e.cause().map(LOCATION::matcher).filter(Matcher::find)
                .map(m -> m.group(1) != null ? m.group(1) : m.group(2));
        long id = emitAfter(Events.evaluationFailed(st.name(), e.error(), e.cause(), location), beforeEntered);
        if (!silent) {
            prev = id;
        }
    }
}
