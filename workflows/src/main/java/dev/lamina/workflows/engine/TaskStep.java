package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateNode;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.Scope;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.tasks.TaskCall;
import dev.lamina.workflows.tasks.TaskListener;
import dev.lamina.workflows.tasks.TaskResource;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Task state: its attempts (with Retry), each scheduled, started and ended in the history as AWS
 * records it: Task* events for integrations, LambdaFunction* for a plain function ARN, Activity* for
 * an activity; {@code .waitForTaskToken} issues a token ({@code $$.Task.Token}) and waits for its callback.
 */
final class TaskStep {
    /** AWS's default TimeoutSeconds of a Task. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(99_999_999);

    private final Branch branch;
    private final StateNode st;
    private final Scope scope;
    private final Run run;

    TaskStep(Branch branch, StateNode st, Scope scope) {
        this.branch = branch;
        this.st = st;
        this.scope = scope;
        this.run = branch.run;
    }

    Branch.Step execute(JsonNode in) throws StatesError, InterruptedException {
        Dataflow df = branch.dataflow(st);
        String arn = st.text("Resource").orElse("");
        TaskResource res = TaskResource.parse(arn).orElseThrow(() -> new StatesError(ErrorNames.RUNTIME,
                "Unsupported resource: " + arn));
        Dataflow.TaskLimits limits = df.taskLimits(st, in, scope);
        JsonNode result = Retrier.attempts(run.env, st.retriers(), n -> attempt(df, in, res, limits, n));
        return Branch.Step.of(st.next(), df.output(st, in, result, scope));
    }

    private JsonNode attempt(Dataflow df, JsonNode in, TaskResource res, Dataflow.TaskLimits limits, int retryCount)
            throws StatesError, InterruptedException {
        boolean callback = res.kind() == TaskResource.Kind.ACTIVITY
                || res.pattern() == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN;
        Optional<TaskTokens.Waiter> waiter = callback ? Optional.of(run.env.tokens().issue(run.arn())) : Optional.empty();
        try {
            ObjectNode ctx = scope.context().deepCopy();
            ((ObjectNode) ctx.path("State")).put("RetryCount", retryCount);
            waiter.ifPresent(w -> ctx.putObject("Task").put("Token", w.token));
            Scope attemptScope = new Scope(ctx, scope.variables(), scope.enteredEventId());
            JsonNode params = df.effectiveInput(st, in, attemptScope);
            TaskCall call = new TaskCall(res, params, ctx, waiter.map(w -> w.token),
                    limits.timeout().orElse(DEFAULT_TIMEOUT), run.arn(), run.record().machine().roleArn());
            return switch (res.kind()) {
                case ACTIVITY -> new TaskKinds(branch, res, limits).activity(call, waiter.orElseThrow());
                case LAMBDA_FUNCTION -> new TaskKinds(branch, res, limits).lambdaFunction(call);
                default -> new TaskKinds(branch, res, limits).service(call, waiter);
            };
        } finally {
            waiter.ifPresent(run.env.tokens()::forget);
        }
    }

    /** A task result over the payload limit (AWS names the resource type, or the function's ARN). */
    static Optional<StatesError> tooLarge(String result, String what) {
        if (!Json.tooLarge(result)) {
            return Optional.empty();
        }
        return Optional.of(new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + what
                + "' returned a result with a size exceeding the maximum number of bytes service limit."));
    }

    static Optional<Long> seconds(Optional<Duration> d) {
        return d.map(Duration::toSeconds);
    }

    static TaskListener listener(Runnable onStarted, java.util.function.Consumer<JsonNode> onSubmitted) {
        return new TaskListener() {
            @Override
            public void started() {
                onStarted.run();
            }

            @Override
            public void submitted(JsonNode output) {
                onSubmitted.accept(output);
            }
        };
    }

    static CompletableFuture<String> newWorker() {
        return new CompletableFuture<>();
    }
}
