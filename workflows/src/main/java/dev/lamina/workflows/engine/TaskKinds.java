package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.Dataflow;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.tasks.TaskCall;
import dev.lamina.workflows.tasks.TaskListener;
import dev.lamina.workflows.tasks.TaskResource;

import java.util.Optional;

/** One attempt of a Task, per kind of resource, with the events AWS records for that kind. */
final class TaskKinds {
    private final Branch branch;
    private final Run run;
    private final TaskResource res;
    private final Dataflow.TaskLimits limits;

    TaskKinds(Branch branch, TaskResource res, Dataflow.TaskLimits limits) {
        this.branch = branch;
        this.run = branch.run;
        this.res = res;
        this.limits = limits;
    }

    /** An integration (TaskScheduled, TaskStarted, [TaskSubmitted], TaskSucceeded | TaskFailed | TaskTimedOut). */
    JsonNode service(TaskCall call, Optional<TaskTokens.Waiter> waiter) throws StatesError, InterruptedException {
        String type = res.resourceType();
        String name = res.resourceName();
        branch.emit(Events.taskScheduled(type, name, run.env.settings().region().name(),
                Json.text(call.parameters()), TaskStep.seconds(limits.timeout()), TaskStep.seconds(limits.heartbeat())));
        branch.emit(Events.taskStarted(type, name));
        Optional<Long> deadline = Waiting.deadline(limits.timeout());
        TaskListener listener = TaskStep.listener(() -> { }, out -> emitQuietly(
                Events.taskOutput("TaskSubmitted", type, name, Json.text(out))));
        JsonNode result;
        try {
            result = Waiting.call(run, run.env.integrations(), call, listener, deadline);
            if (waiter.isPresent()) {
                branch.emit(Events.taskOutput("TaskSubmitted", type, name, Json.text(result)));
                TaskTokens.Callback cb = Waiting.token(waiter.get(), deadline, limits.heartbeat());
                if (cb.output().isEmpty()) {
                    throw new StatesError(cb.error().orElse(""), cb.cause());
                }
                result = cb.output().get();
            }
        } catch (StatesError e) {
            branch.emit(Events.taskError("TaskFailed", type, name, e.error(), e.cause()));
            throw e;
        } catch (Waiting.TimedOut t) {
            branch.emit(Events.taskError("TaskTimedOut", type, name, t.error, Optional.empty()));
            throw new StatesError(t.error, Optional.empty());
        }
        String text = Json.text(result);
        Optional<StatesError> big = TaskStep.tooLarge(text, type);
        if (big.isPresent()) {
            branch.emit(Events.taskError("TaskFailed", type, name, big.get().error(), big.get().cause()));
            throw big.get();
        }
        branch.emit(Events.taskOutput("TaskSucceeded", type, name, text));
        return result;
    }

    /** A plain function ARN (LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded | Failed | TimedOut). */
    JsonNode lambdaFunction(TaskCall call) throws StatesError, InterruptedException {
        branch.emit(Events.lambdaScheduled(res.arn(), Json.text(call.parameters()), TaskStep.seconds(limits.timeout())));
        branch.emit(Events.Ev.bare("LambdaFunctionStarted"));
        JsonNode result;
        try {
            result = Waiting.call(run, run.env.integrations(), call, TaskListener.NONE,
                    Waiting.deadline(limits.timeout()));
        } catch (StatesError e) {
            branch.emit(Events.lambdaError("LambdaFunctionFailed", e.error(), e.cause()));
            throw e;
        } catch (Waiting.TimedOut t) {
            branch.emit(Events.lambdaError("LambdaFunctionTimedOut", t.error, Optional.empty()));
            throw new StatesError(t.error, Optional.empty());
        }
        String text = Json.text(result);
        Optional<StatesError> big = TaskStep.tooLarge(text, res.arn());
        if (big.isPresent()) {
            branch.emit(Events.lambdaError("LambdaFunctionFailed", big.get().error(), big.get().cause()));
            throw big.get();
        }
        branch.emit(Events.lambdaSucceeded(text));
        return result;
    }

    /** An activity (ActivityScheduled, ActivityStarted when a worker takes it, ActivitySucceeded | Failed | TimedOut). */
    JsonNode activity(TaskCall call, TaskTokens.Waiter waiter) throws StatesError, InterruptedException {
        String input = Json.text(call.parameters());
        branch.emit(Events.activityScheduled(res.arn(), input, TaskStep.seconds(limits.timeout()),
                TaskStep.seconds(limits.heartbeat())));
        Optional<Long> deadline = Waiting.deadline(limits.timeout());
        Activities.Pending pending = new Activities.Pending(waiter.token, input, TaskStep.newWorker());
        run.env.activities().offer(res.arn(), pending);
        TaskTokens.Callback cb;
        try {
            String worker = Waiting.worker(pending.worker(), deadline);
            branch.emit(Events.activityStarted(worker));
            cb = Waiting.token(waiter, deadline, limits.heartbeat());
        } catch (Waiting.TimedOut t) {
            branch.emit(Events.activityError("ActivityTimedOut", t.error, Optional.empty()));
            throw new StatesError(t.error, Optional.empty());
        } finally {
            run.env.activities().withdraw(res.arn(), pending);
        }
        if (cb.output().isEmpty()) {
            branch.emit(Events.activityError("ActivityFailed", cb.error().orElse(""), cb.cause()));
            throw new StatesError(cb.error().orElse(""), cb.cause());
        }
        String text = Json.text(cb.output().get());
        Optional<StatesError> big = TaskStep.tooLarge(text, res.arn());
        if (big.isPresent()) {
            branch.emit(Events.activityError("ActivityFailed", big.get().error(), big.get().cause()));
            throw big.get();
        }
        branch.emit(Events.activitySucceeded(text));
        return cb.output().get();
    }

    private void emitQuietly(Events.Ev ev) {
        try {
            branch.emit(ev);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
