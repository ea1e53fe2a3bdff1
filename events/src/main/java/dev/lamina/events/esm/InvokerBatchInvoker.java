package dev.lamina.events.esm;

import dev.lamina.invoke.Invoker;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;

import java.util.Optional;
import java.util.UUID;

/**
 * A mapping's invocations: synchronous invocations of the function's ARN as the mapping names it,
 * through the same {@link Invoker} as every other call (so the function's concurrency limits apply).
 * An invocation that could not happen (throttled, not ready, not found, Lamina failed) is
 * {@link BatchInvoker.NotInvoked}, never a function failure.
 */
record InvokerBatchInvoker(Invoker invoker, FunctionRef function) implements BatchInvoker {

    @Override
    public Outcome invoke(byte[] payload) throws InterruptedException {
        Invoker.Result result;
        try {
            result = invoker.invoke(new Invoker.Request(UUID.randomUUID().toString(), function, Optional.empty(), payload,
                    Optional.empty(), false, Optional.empty()));
        } catch (LambdaException e) {
            return new NotInvoked(e.code().code(), String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return new NotInvoked(ErrorCode.SERVICE.code(), String.valueOf(e));
        }
        return result.functionError().isPresent() ? new FunctionFailed(result.payload())
                : new Succeeded(result.payload());
    }
}
