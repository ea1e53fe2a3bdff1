package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.Scope;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.Branch.Step;

import java.time.Instant;
import java.util.Optional;

/** The work of one state of a {@link Branch}, by type (entry and exit are the branch's). */
final class Steps {
    private Steps() {
    }

    static Step execute(Branch b, StateNode st, JsonNode in, Scope scope, Frames.Position at)
            throws StatesError, InterruptedException, Branch.Terminal {
        Dataflow df = b.dataflow(st);
        return switch (st.type()) {
            case PASS -> Step.of(st.next(), df.pass(st, in, scope));
            case SUCCEED -> Step.of(Optional.empty(), df.passThrough(st, in, scope));
            case CHOICE -> {
                Dataflow.Choice c = df.choose(st, in, scope);
                if (c.next().isEmpty()) {
                    throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
                }
                yield Step.of(c.next(), c.outcome());
            }
            case FAIL -> {
                Dataflow.Failure f = df.failure(st, in, scope);
                throw new StatesError(f.error().orElse(""), f.cause());
            }
            case WAIT -> waitStep(b, st, in, scope, at, df);
            case TASK -> new TaskStep(b, st, scope).execute(in);
            case PARALLEL -> new ParallelStep(b, st, scope).execute(in);
            case MAP -> new MapStep(b, st, scope).execute(in);
        };
    }

    private static Step waitStep(Branch b, StateNode st, JsonNode in, Scope scope, Frames.Position at, Dataflow df)
            throws StatesError, InterruptedException {
        Dataflow.Waiting w = df.waitUntil(st, in, scope, at.enteredAt().orElse(b.run.env.clock().instant()));
        Instant until = at.waitUntil().orElse(w.until());
        if (at.waitUntil().isEmpty()) {
            b.saveFrame(at.withWait(until));
        }
        b.run.env.sleepUntil(until);
        return Step.of(st.next(), w.outcome());
    }
}
