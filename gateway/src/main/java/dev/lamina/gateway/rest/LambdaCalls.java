package dev.lamina.gateway.rest;

import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.api.ApiGatewayPermission;
import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a Lambda function for API Gateway (an integration or an authorizer), as API Gateway does:
 * only when the function's resource policy lets {@code apigateway.amazonaws.com} invoke it for this
 * source ARN, and waiting no longer than the integration's timeout (the invocation itself runs on
 * to its own end).
 */
final class LambdaCalls {
    private final GatewayContext context;

    LambdaCalls(GatewayContext context) {
        this.context = context;
    }

    sealed interface Outcome {
        /** The function answered; {@code failed} when it is a function error. */
        record Answered(byte[] payload, boolean failed) implements Outcome {
        }

        /** No such function, no permission, a URI that names no function here. */
        record NotCallable(String reason) implements Outcome {
        }

        record Throttled() implements Outcome {
        }

        record TimedOut() implements Outcome {
        }
    }

    Outcome call(String function, String sourceArn, byte[] event, Duration timeout) throws InterruptedException {
        FunctionRef ref;
        try {
            ref = FunctionRef.parse(function, context.settings().region(), context.settings().account());
        } catch (LambdaException e) {
            return new Outcome.NotCallable(e.getMessage());
        }
        if (!permitted(ref, sourceArn)) {
            return new Outcome.NotCallable("the function's resource policy does not allow "
                    + ApiGatewayPermission.PRINCIPAL + " for "
                    + sourceArn);
        }
        Invoker.Request request = new Invoker.Request(UUID.randomUUID().toString(), ref, ref.qualifier(), event,
                Optional.empty(), false, Optional.empty());
        CompletableFuture<Invoker.Result> result = new CompletableFuture<>();
        Thread.ofVirtual().name("apigateway-invoke").start(() -> {
            try {
                result.complete(context.invoker().invoke(request));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            Invoker.Result r = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome.Answered(r.payload(), r.functionError().isPresent());
        } catch (TimeoutException e) {
            return new Outcome.TimedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LambdaException le) {
                return le.code() == ErrorCode.TOO_MANY_REQUESTS ? new Outcome.Throttled()
                        : new Outcome.NotCallable(le.getMessage());
            }
            return new Outcome.NotCallable(String.valueOf(e.getCause()));
        }
    }

    /** The function's (or its alias's or version's) resource policy, evaluated for API Gateway's call. */
    boolean permitted(FunctionRef ref, String sourceArn) {
        return ApiGatewayPermission.allows(context.control(), context.settings(), ref, sourceArn);
    }
}
