package dev.lamina.eventbridge.delivery;

import dev.lamina.control.ServicePermission;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.ServiceException;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.QueueInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * One attempt to hand a delivery to its target, authorized as AWS authorizes it: a rule's Lambda
 * target by the function's resource policy ({@code events.amazonaws.com}, SourceArn the rule), a
 * schedule's by its RoleArn; an event bus target by the RoleArn (events:PutEvents on that bus); SQS
 * queues without a check (their resource policies are not evaluated yet); a Step Functions state
 * machine by the RoleArn (states:StartExecution on the machine), as AWS requires. Returns the deliveries the attempt led to
 * (an event bus target's matches), which are stored in the same step as the delivery's removal.
 */
final class Targets {
    static final String PRINCIPAL = "events.amazonaws.com";

    private final EventBridgeContext context;
    private final RuleIndex rules;
    private final Router router;
    private volatile StateMachineStarter stateMachines = StateMachineStarter.NONE;

    Targets(EventBridgeContext context, RuleIndex rules) {
        this.context = context;
        this.rules = rules;
        this.router = new Router(rules);
    }

    /** @param deliveryId the delivery's id in the log: stable across attempts and restarts */
    List<Delivery> deliver(Delivery delivery, long deliveryId) throws TargetFailure {
        String arn = delivery.target().arn();
        return switch (TargetKind.of(arn)) {
            case LAMBDA -> {
                invoke(delivery);
                yield List.of();
            }
            case SQS -> {
                send(delivery, deliveryId);
                yield List.of();
            }
            case EVENT_BUS -> forward(delivery);
            case STATE_MACHINE -> {
                startExecution(delivery, deliveryId);
                yield List.of();
            }
            case OTHER -> throw TargetFailure.permanent("INVALID_PARAMETER",
                    "Lamina cannot deliver to this kind of target: " + arn);
        };
    }

    private void invoke(Delivery delivery) throws TargetFailure {
        String arn = delivery.target().arn();
        FunctionRef function;
        try {
            function = FunctionRef.parse(arn, context.settings().region(), context.settings().account());
            context.control().functions().get(function, Optional.empty());
        } catch (LambdaException | ServiceException e) {
            throw TargetFailure.permanent("NO_RESOURCE", "Function not found: " + arn);
        }
        boolean allowed = switch (delivery.origin()) {
            case RULE -> ServicePermission.allows(context.control(), context.settings().region(),
                    context.settings().account(), PRINCIPAL, function, delivery.sourceArn());
            case SCHEDULE -> roleAllows(delivery, "lambda:InvokeFunction", arn);
        };
        if (!allowed) {
            throw TargetFailure.permanent("NO_PERMISSIONS", delivery.origin() == Delivery.Origin.RULE
                    ? "User: " + PRINCIPAL + " is not authorized to perform: lambda:InvokeFunction on resource: " + arn
                    + " because no resource-based policy allows the lambda:InvokeFunction action"
                    : "The role " + delivery.target().roleArn().orElse("(none)")
                    + " is not authorized to perform: lambda:InvokeFunction on resource: " + arn);
        }
        byte[] payload = delivery.body().getBytes(StandardCharsets.UTF_8);
        if (payload.length > context.async().maxPayloadBytes()) {
            throw TargetFailure.permanent("INVALID_PARAMETER", "The event is larger than the function's asynchronous"
                    + " payload limit of " + context.async().maxPayloadBytes() + " bytes");
        }
        try {
            context.async().accept(UUID.randomUUID().toString(), function, Optional.empty(), payload,
                    Optional.empty()).join();
        } catch (CompletionException | LambdaException e) {
            throw TargetFailure.transientFailure("INTERNAL_ERROR", "The function could not be invoked: " + e.getMessage());
        }
    }

    private void send(Delivery delivery, long deliveryId) throws TargetFailure {
        String arn = delivery.target().arn();
        Optional<QueueInfo> queue = context.queues().byArn(arn);
        if (queue.isEmpty()) {
            throw TargetFailure.permanent("NO_RESOURCE", "The specified queue does not exist: " + arn);
        }
        OutgoingMessage message = OutgoingMessage.of(delivery.body(), Map.of());
        if (queue.get().fifo()) {
            Optional<String> group = delivery.target().messageGroupId();
            if (group.isEmpty()) {
                throw TargetFailure.permanent("INVALID_PARAMETER",
                        "The target is a FIFO queue and has no SqsParameters.MessageGroupId");
            }
            // The same delivery deduplicates with itself (a repeat after a crash), never with another.
            message = new OutgoingMessage(delivery.body(), Map.of(), group,
                    Optional.of("eventbridge-" + deliveryId + "-" + delivery.acceptedAt().toEpochMilli()),
                    Optional.empty());
        }
        try {
            context.queues().send(arn, message);
        } catch (ServiceException e) {
            if (e.code().equals("QueueDoesNotExist")) {
                throw TargetFailure.permanent("NO_RESOURCE", e.getMessage());
            }
            // Anything else SQS refuses (a body over the queue's MaximumMessageSize, …) is retried under
            // the target's retry policy: AWS skips retries only for missing permissions and resources.
            throw TargetFailure.transientFailure(e.senderFault() ? "SDK_CLIENT_ERROR" : "INTERNAL_ERROR",
                    e.getMessage());
        } catch (RuntimeException e) {
            throw TargetFailure.transientFailure("INTERNAL_ERROR", String.valueOf(e.getMessage()));
        }
    }

    /** Step Functions, once it is running. */
    void stateMachines(StateMachineStarter starter) {
        this.stateMachines = starter;
    }

    /**
     * Starts an execution with the delivery's body as its input. Its name is the delivery's own, so a
     * repeated attempt (after a crash) finds the execution its first attempt started.
     */
    private void startExecution(Delivery delivery, long deliveryId) throws TargetFailure {
        String arn = delivery.target().arn();
        StateMachineStarter starter = stateMachines;
        if (starter == StateMachineStarter.NONE) {
            // Deliveries owed from before a restart resume before Step Functions is handed over: try again.
            throw TargetFailure.transientFailure("INTERNAL_ERROR", "Step Functions is not running yet");
        }
        if (!starter.exists(arn)) {
            throw TargetFailure.permanent("NO_RESOURCE", "State Machine Does Not Exist: '" + arn + "'");
        }
        if (!roleAllows(delivery, "states:StartExecution", arn)) {
            throw TargetFailure.permanent("NO_PERMISSIONS", "The role " + delivery.target().roleArn().orElse("(none)")
                    + " is not authorized to perform: states:StartExecution on resource: " + arn);
        }
        String name = "eventbridge-" + deliveryId + "-" + delivery.acceptedAt().toEpochMilli();
        try {
            starter.start(arn, name, delivery.body());
        } catch (ServiceException e) {
            switch (e.code()) {
                case "ExecutionAlreadyExists" -> {
                    // This delivery's earlier attempt started it.
                }
                case "StateMachineDoesNotExist", "InvalidArn" -> throw TargetFailure.permanent("NO_RESOURCE", e.getMessage());
                case "InvalidExecutionInput", "InvalidName" -> throw TargetFailure.permanent("INVALID_PARAMETER",
                        e.getMessage());
                default -> throw TargetFailure.transientFailure(e.senderFault() ? "SDK_CLIENT_ERROR" : "INTERNAL_ERROR",
                        e.getMessage());
            }
        } catch (RuntimeException e) {
            throw TargetFailure.transientFailure("INTERNAL_ERROR", String.valueOf(e.getMessage()));
        }
    }

    /** The event goes onto the target bus as it is (same id) and meets that bus's rules. */
    private List<Delivery> forward(Delivery delivery) throws TargetFailure {
        String arn = delivery.target().arn();
        if (!roleAllows(delivery, "events:PutEvents", arn)) {
            throw TargetFailure.permanent("NO_PERMISSIONS", "The role " + delivery.target().roleArn().orElse("(none)")
                    + " is not authorized to perform: events:PutEvents on resource: " + arn);
        }
        String bus = Router.busName(arn);
        if (!arn.equals(context.arns().bus(bus)) || !rules.busExists(bus)) {
            throw TargetFailure.permanent("NO_RESOURCE", "Event bus " + bus + " does not exist.");
        }
        return router.route(bus, delivery.body(), context.clock().instant());
    }

    /** Whether the target's RoleArn (a role Lamina knows) may perform {@code action} on {@code resource}. */
    private boolean roleAllows(Delivery delivery, String action, String resource) {
        Optional<String> role = delivery.target().roleArn();
        Optional<PolicyDocument> policy = role.flatMap(context.identities()::rolePolicy);
        if (policy.isEmpty()) {
            return false;
        }
        String session = role.get().replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/EventBridge";
        try {
            return PolicyEngine.evaluate(AccessRequest.ofSession(action, resource, session, role.get(), Map.of()),
                    List.of(policy.get()), Optional.empty()).allowed();
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
