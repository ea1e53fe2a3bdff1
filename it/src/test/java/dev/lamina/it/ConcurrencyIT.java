package dev.lamina.it;

import dev.lamina.server.ExecutionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Concurrency limits under parallel load, on a server whose account limit is 10 (so 1 stays
 * unreserved) and whose environments may take 1,024 MB together: throttles come exactly at the
 * limits, never below, with AWS's reasons.
 */
class ConcurrencyIT {
    static final int ACCOUNT_LIMIT = 10;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start(ExecutionConfig.defaults().withAccountConcurrency(ACCOUNT_LIMIT)
                .withMemoryBudgetMb(1024));
        lambda = server.lambda();
        for (String name : List.of("reserved", "disabled", "shared", "hog-a", "hog-b", "hog-c", "too-big")) {
            int memory = switch (name) {
                case "hog-a", "hog-b", "hog-c" -> 512;
                case "too-big" -> 2048;
                default -> 128;
            };
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(),
                    b -> b.memorySize(memory).timeout(30));
        }
    }

    @AfterAll
    static void stop() {
        lambda.close();
        server.close();
    }

    /** Fires {@code count} invocations at once that each sleep {@code ms}; returns the successes and the throttles. */
    static List<Object> burst(String function, int count, int ms) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(threads.submit((Callable<Object>) () -> {
                    go.await();
                    try {
                        return Functions.invoke(lambda, function, "{\"action\":\"sleep\",\"ms\":" + ms + "}");
                    } catch (TooManyRequestsException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : calls) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    static long succeeded(List<Object> results) {
        return results.stream().filter(r -> r instanceof Functions.Invocation i && i.functionError() == null
                && i.payload().equals("\"slept\"")).count();
    }

    static List<TooManyRequestsException> throttled(List<Object> results) {
        return results.stream().filter(TooManyRequestsException.class::isInstance)
                .map(TooManyRequestsException.class::cast).toList();
    }

    @Test
    void aReservedFunctionRunsExactlyItsReservationAtOnceAndThrottlesTheRest() throws Exception {
        lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(3));
        try {
            List<Object> results = burst("reserved", 5, 2500);
            assertThat(succeeded(results)).as("never throttled below the reservation").isEqualTo(3);
            assertThat(throttled(results)).hasSize(2).allSatisfy(e -> {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.reason()).isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
                assertThat(e.retryAfterSeconds()).isEqualTo("1");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
            });
            assertThat(succeeded(burst("reserved", 3, 10))).as("the slots are given back").isEqualTo(3);
        } finally {
            lambda.deleteFunctionConcurrency(b -> b.functionName("reserved"));
        }
    }

    @Test
    void aReservationOfZeroDisablesTheFunction() {
        lambda.putFunctionConcurrency(b -> b.functionName("disabled").reservedConcurrentExecutions(0));
        assertThatThrownBy(() -> Functions.invoke(lambda, "disabled", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.reason())
                        .isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
        lambda.deleteFunctionConcurrency(b -> b.functionName("disabled"));
        assertThat(Functions.invoke(lambda, "disabled", "{}").functionError()).isNull();
    }

    @Test
    void unreservedFunctionsShareWhatReservationsLeaveOfTheAccountLimit() throws Exception {
        // 10 in all, 7 reserved by another function: 3 are left for everyone else.
        lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(7));
        try {
            assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(3);
            List<Object> results = burst("shared", 5, 2500);
            assertThat(succeeded(results)).isEqualTo(3);
            assertThat(throttled(results)).hasSize(2).allSatisfy(e -> assertThat(e.reason())
                    .isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
        } finally {
            lambda.deleteFunctionConcurrency(b -> b.functionName("reserved"));
        }
    }

    @Test
    void idleEnvironmentsOfOtherFunctionsAreEvictedLeastRecentlyUsedFirstToMakeRoom() {
        // Two 512 MB environments fill the 1,024 MB budget; a third function's cold start evicts hog-a,
        // the one idle longest, and hog-b stays warm.
        assertThat(coldStart("hog-a")).isTrue();
        assertThat(coldStart("hog-b")).isTrue();
        assertThat(coldStart("hog-c")).as("room was made").isTrue();
        assertThat(coldStart("hog-b")).as("the more recently used one was kept").isFalse();
        assertThat(coldStart("hog-a")).as("the least recently used one was evicted").isTrue();
    }

    @Test
    void anUpdateGivesBackTheMemoryOfTheEnvironmentsItSuperseded() {
        // hog-b is used first, so it is the least recently used; the update of hog-c makes hog-c's
        // environment useless, and it, not hog-b, makes room for hog-c's new one.
        coldStart("hog-b");
        coldStart("hog-c");
        lambda.updateFunctionConfiguration(b -> b.functionName("hog-c").description("updated"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("hog-c"));
        assertThat(coldStart("hog-c")).isTrue();
        assertThat(coldStart("hog-b")).as("still warm").isFalse();
    }

    @Test
    void anEnvironmentLargerThanTheWholeBudgetIsThrottled() {
        assertThatThrownBy(() -> Functions.invoke(lambda, "too-big", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.reason())
                        .isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
    }

    /** Whether an invocation started a new environment: only cold starts report an Init Duration. */
    static boolean coldStart(String function) {
        Functions.Invocation r = Functions.invoke(lambda, function, "{}");
        assertThat(r.functionError()).isNull();
        return r.log().contains("Init Duration");
    }
}
