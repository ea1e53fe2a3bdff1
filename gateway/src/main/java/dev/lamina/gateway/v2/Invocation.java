package dev.lamina.gateway.v2;

import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One synchronous invocation on behalf of an HTTP API, bounded by the integration's timeout: past it
 * the request is answered while the function runs on to its own end, as on AWS.
 */
final class Invocation {
    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);

    /** How an invocation ended, as far as the API's client can tell. */
    sealed interface Outcome {
        /** The function answered (payload), or failed (functionError). */
        record Answered(byte[] payload, Optional<String> functionError) implements Outcome {
        }

        /** Lambda refused the invocation (not found, throttled, not ready): the error's code. */
        record Refused(String code) implements Outcome {
        }

        record TimedOut() implements Outcome {
        }
    }

    private Invocation() {
    }

    static Outcome invoke(Invoker invoker, String requestId, FunctionRef function, byte[] event, Duration timeout)
            throws InterruptedException {
        Invoker.Request request = new Invoker.Request(requestId, FunctionRef.of(function.name()), function.qualifier(),
                event, Optional.empty(), false, Optional.empty());
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        Thread.ofVirtual().name("http-api-invoke-" + requestId).start(() -> {
            try {
                Invoker.Result r = invoker.invoke(request);
                future.complete(new Outcome.Answered(r.payload(), r.functionError()));
            } catch (LambdaException e) {
                future.complete(new Outcome.Refused(e.code().name()));
            } catch (InterruptedException e) {
                future.complete(new Outcome.Refused("INTERRUPTED"));
            } catch (RuntimeException e) {
                LOG.error("invoking {} for an HTTP API failed", function.name(), e);
                future.complete(new Outcome.Refused("SERVICE"));
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome.TimedOut();
        } catch (ExecutionException e) {
            return new Outcome.Refused("SERVICE");
        }
    }
}
