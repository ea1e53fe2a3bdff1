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

/**
 * A Parallel state: every branch runs concurrently on the same effective input, each with a copy of
 * the variables; the output is the array of the branches' outputs in branch order. The first branch
 * to fail stops the others and its error is the Parallel's (AWS names it as the branch did).
 * Events: ParallelStateStarted; each branch's first event follows it; ParallelStateSucceeded and the
 * state's exit follow the branches' last event; ParallelStateFailed on failure.
 */
final class ParallelStep {
    private final Branch branch;
    private final StateNode st;
    private final Scope scope;
    private final Children children;

    ParallelStep(Branch branch, StateNode st, Scope scope) {
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
                children.end(Events.Ev.bare("ParallelStateFailed"), branch.prev, Optional.empty(), Optional.of(e),
                        st.branches().size());
            }
            throw e;
        }
        return Branch.Step.of(st.next(), df.output(st, in, result, scope));
    }

    private JsonNode attempt(Dataflow df, JsonNode in) throws StatesError, InterruptedException {
        JsonNode input = df.effectiveInput(st, in, scope);
        List<Definition> defs = st.branches();
        Optional<Long> resumed = children.started();
        long started = resumed.isPresent() ? resumed.get()
                : children.start(defs.size(), Events.Ev.bare("ParallelStateStarted"))[0];
        Branch[] subs = new Branch[defs.size()];
        JsonNode[] before = new JsonNode[defs.size()];
        Frames.Position[] at = new Frames.Position[defs.size()];
        for (int i = 0; i < subs.length; i++) {
            before[i] = children.take(i).orElse(null);
            at[i] = before[i] == null || Children.done(before[i])
                    ? new Frames.Position(defs.get(i).startAt(), input, branch.vars, started, Optional.empty(),
                    Optional.empty(), Optional.empty())
                    : Frames.read(Json.text(before[i]));
            long prev = before[i] != null && Children.done(before[i]) ? before[i].path("last").asLong() : at[i].prev();
            subs[i] = new Branch(branch.run, defs.get(i), Optional.of(children.of(i)), prev, at[i].vars(), branch.silent);
        }
        Fork.Result r = Fork.run(branch.run, subs.length, 0, true, i -> {
            if (before[i] != null && Children.done(before[i])) {
                throw Children.error(before[i]); // only failed branches keep a done frame; finished ones end at Frames.END
            }
            try {
                return subs[i].run(at[i].state(), at[i].input(), Optional.of(at[i]));
            } catch (StatesError e) {
                children.done(i, Optional.empty(), subs[i].prev, Optional.empty(), Optional.of(e));
                throw e;
            }
        });
        long last = started;
        for (Branch b : subs) {
            last = Math.max(last, b.prev);
        }
        if (r.failed()) {
            branch.prev = subs[r.firstFailure()].prev;
            throw r.errors()[r.firstFailure()];
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode o : r.outputs()) {
            out.add(o);
        }
        children.end(Events.Ev.bare("ParallelStateSucceeded"), last, Optional.of(out), Optional.empty(), defs.size());
        return out;
    }
}
