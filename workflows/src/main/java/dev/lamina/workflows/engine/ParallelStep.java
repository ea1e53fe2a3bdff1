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

    ParallelStep(Branch branch, StateNode st, Scope scope) {
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
                branch.emit(Events.Ev.bare("ParallelStateFailed"));
            }
            throw e;
        }
        return Branch.Step.of(st.next(), df.output(st, in, result, scope));
    }

    private JsonNode attempt(Dataflow df, JsonNode in) throws StatesError, InterruptedException {
        JsonNode input = df.effectiveInput(st, in, scope);
        long started = branch.emit(Events.Ev.bare("ParallelStateStarted"));
        List<Definition> defs = st.branches();
        Branch[] subs = new Branch[defs.size()];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = new Branch(branch.run, defs.get(i), Optional.empty(), started, branch.vars, branch.silent);
        }
        Fork.Result r = Fork.run(branch.run, subs.length, 0, true,
                i -> subs[i].run(defs.get(i).startAt(), input, Optional.empty()));
        long last = started;
        for (Branch b : subs) {
            last = Math.max(last, b.prev);
        }
        if (r.failed()) {
            branch.prev = subs[r.firstFailure()].prev;
            throw r.errors()[r.firstFailure()];
        }
        branch.emitAfter(Events.Ev.bare("ParallelStateSucceeded"), last);
        if (!branch.silent) {
            branch.prev = last;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode o : r.outputs()) {
            out.add(o);
        }
        return out;
    }
}
