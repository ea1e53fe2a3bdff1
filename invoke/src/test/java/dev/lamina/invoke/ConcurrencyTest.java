package dev.lamina.invoke;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyTest {
    static final FunctionName A = new FunctionName("a");
    static final FunctionName B = new FunctionName("b");
    static final FunctionName C = new FunctionName("c");
    final Concurrency concurrency = new Concurrency();

    static Concurrency.Limits reserved(int n, int unreserved) {
        return new Concurrency.Limits(OptionalInt.of(n), 0, unreserved);
    }

    static Concurrency.Limits shared(int unreserved) {
        return new Concurrency.Limits(OptionalInt.empty(), 0, unreserved);
    }

    static void throttledWith(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(e.getMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.members()).containsEntry("Reason", reason);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
        });
    }

    @Test
    void aReservedFunctionRunsUpToItsReservationAndNotOneMore() {
        var first = concurrency.acquire(A, reserved(2, 10), false);
        concurrency.acquire(A, reserved(2, 10), false);
        throttledWith(() -> concurrency.acquire(A, reserved(2, 10), false), "ReservedFunctionConcurrentInvocationLimitExceeded");
        first.close();
        concurrency.acquire(A, reserved(2, 10), false);
        assertThat(concurrency.running(A)).isEqualTo(2);
    }

    @Test
    void aReservationOfZeroRefusesEveryInvocation() {
        throttledWith(() -> concurrency.acquire(A, reserved(0, 10), false), "ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(concurrency.running(A)).isZero();
    }

    @Test
    void functionsWithoutAReservationShareTheUnreservedPool() {
        concurrency.acquire(A, shared(3), false);
        concurrency.acquire(B, shared(3), false);
        concurrency.acquire(B, shared(3), false);
        throttledWith(() -> concurrency.acquire(A, shared(3), false), "ConcurrentInvocationLimitExceeded");
        // A reserved function never draws on the shared pool, full as it is.
        concurrency.acquire(new FunctionName("c"), reserved(1, 3), false);
    }

    @Test
    void provisionedConcurrencyIsCapacityOfItsOwnBeyondWhichTheFunctionShares() {
        Concurrency.Limits twoProvisioned = new Concurrency.Limits(OptionalInt.empty(), 2, 1);
        concurrency.acquire(B, shared(1), false); // another function fills the shared pool
        concurrency.acquire(A, twoProvisioned, false);
        concurrency.acquire(A, twoProvisioned, false);
        throttledWith(() -> concurrency.acquire(A, twoProvisioned, false), "ConcurrentInvocationLimitExceeded");
        assertThat(concurrency.running(A)).isEqualTo(2);
    }

    @Test
    void eventsLeaveATenthOfTheLimitToSynchronousCallers() {
        for (int i = 0; i < 9; i++) {
            concurrency.acquire(A, reserved(10, 100), true);
        }
        throttledWith(() -> concurrency.acquire(A, reserved(10, 100), true),
                "ReservedFunctionConcurrentInvocationLimitExceeded");
        concurrency.acquire(A, reserved(10, 100), false); // the tenth is there for a caller who waits
        // Below ten, one slot is left; a limit of one is shared.
        concurrency.acquire(B, reserved(2, 100), true);
        throttledWith(() -> concurrency.acquire(B, reserved(2, 100), true),
                "ReservedFunctionConcurrentInvocationLimitExceeded");
        concurrency.acquire(B, reserved(2, 100), false);
        concurrency.acquire(C, reserved(1, 100), true);
    }

    @Test
    void aSlotIsGivenBackOnceHoweverOftenItIsClosed() {
        var slot = concurrency.acquire(A, shared(1), false);
        slot.close();
        slot.close();
        var again = concurrency.acquire(A, shared(1), false);
        throttledWith(() -> concurrency.acquire(B, shared(1), false), "ConcurrentInvocationLimitExceeded");
        again.close();
        assertThat(concurrency.running(A)).isZero();
    }

    @Test
    void aSlotTakenBeforeAReservationChangedGivesBackWhatItTook() {
        var shared = concurrency.acquire(A, shared(1), false);
        // The function is now reserved: its running invocation still holds the shared slot.
        concurrency.acquire(A, reserved(2, 1), false);
        throttledWith(() -> concurrency.acquire(B, shared(1), false), "ConcurrentInvocationLimitExceeded");
        shared.close();
        concurrency.acquire(B, shared(1), false);
    }
}
