package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ServiceException;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.data.ErrorNames;
import dev.lamina.workflows.data.StatesError;
import dev.lamina.workflows.engine.Executions;

import java.util.function.Supplier;

import static dev.lamina.workflows.tasks.TaskResource.Pattern.REQUEST_RESPONSE;
import static dev.lamina.workflows.tasks.TaskResource.Pattern.SYNC;
import static dev.lamina.workflows.tasks.TaskResource.Pattern.SYNC2;
import static dev.lamina.workflows.tasks.TaskResource.Pattern.WAIT_FOR_TASK_TOKEN;

/**
 * The integrations Lamina runs: Lambda ({@link LambdaIntegration}), SQS ({@link SqsIntegration}),
 * EventBridge ({@link EventsIntegration}), nested Step Functions ({@link NestedExecutions}), and aws-sdk
 * calls to hosted services ({@link SdkIntegration}). Activities are the engine's own.
 */
public final class ServiceIntegrations implements Integrations {
    private final LambdaIntegration lambda;
    private final SqsIntegration sqs;
    private final EventsIntegration events;
    private final NestedExecutions nested;
    private final SdkIntegration sdk;

    /** Without Step Functions' API: nested executions and aws-sdk:sfn fail. */
    public ServiceIntegrations(WorkflowsContext context, Supplier<Executions> executions) {
        this(context, executions, () -> StatesCalls.NONE);
    }

    /**
     * @param executions the engine, for nested executions (late: the engine is built with this)
     * @param states     Step Functions' API, for nested executions and aws-sdk:sfn (late: built after the engine)
     */
    public ServiceIntegrations(WorkflowsContext context, Supplier<Executions> executions, Supplier<StatesCalls> states) {
        this(FunctionCalls.of(context.invoker()), context, executions, states);
    }

    private ServiceIntegrations(FunctionCalls functions, WorkflowsContext context, Supplier<Executions> executions,
                                Supplier<StatesCalls> states) {
        this(new LambdaIntegration(functions, context.settings().region(), context.settings().account()),
                context, executions, (operation, input) -> states.get().call(operation, input));
    }

    private ServiceIntegrations(LambdaIntegration lambda, WorkflowsContext context, Supplier<Executions> executions,
                                StatesCalls states) {
        this(lambda, new SqsIntegration(context.sqs(), context.settings().account()),
                new EventsIntegration(context.intake()), new NestedExecutions(states, executions),
                new SdkIntegration(context.sqs(), context.events(), states, lambda, context.settings().account()));
    }

    ServiceIntegrations(LambdaIntegration lambda, SqsIntegration sqs, EventsIntegration events, NestedExecutions nested,
                        SdkIntegration sdk) {
        this.lambda = lambda;
        this.sqs = sqs;
        this.events = events;
        this.nested = nested;
        this.sdk = sdk;
    }

    @Override
    public JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException {
        Integration integration = integration(call.resource());
        if (integration == null) {
            throw new StatesError(ErrorNames.RUNTIME, "The resource provided " + call.resource().arn()
                    + " is not recognized. The value is not a valid resource ARN, or the resource is not available "
                    + "in this region.");
        }
        JsonNode result;
        try {
            result = integration.run(call, listener);
        } catch (ServiceException | LambdaException e) {
            // A service refused in a way its integration did not foresee: still the task's failure, not the engine's.
            throw new StatesError(ErrorNames.TASK_FAILED, e.getMessage());
        }
        return result; // the engine checks its size (States.DataLimitExceeded), as for every state's output
    }

    @Override
    public boolean supports(TaskResource resource) {
        return resource.kind() == TaskResource.Kind.ACTIVITY || integration(resource) != null;
    }

    /** The integration that runs {@code r}, or null when none does (an activity: the engine's own). */
    private Integration integration(TaskResource r) {
        TaskResource.Pattern p = r.pattern();
        boolean plain = p == REQUEST_RESPONSE || p == WAIT_FOR_TASK_TOKEN;
        return switch (r.kind()) {
            case LAMBDA_FUNCTION -> lambda;
            case ACTIVITY -> null;
            case SDK -> plain && sdk.supports(r.service(), r.action()) ? sdk : null;
            case SERVICE -> switch (r.service() + ":" + r.action()) {
                case "lambda:invoke" -> plain ? lambda : null;
                case "sqs:sendMessage" -> plain ? sqs : null;
                case "events:putEvents" -> plain ? events : null;
                case "states:startExecution" -> plain || p == SYNC || p == SYNC2 ? nested : null;
                default -> null;
            };
        };
    }
}
