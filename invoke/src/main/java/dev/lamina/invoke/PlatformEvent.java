package dev.lamina.invoke;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the platform itself logs about an environment and its invocations, before it is given a
 * format: {@link PlatformLog} writes each event as Lambda's Text lines (START, END, REPORT, ...) or
 * as a JSON record of the Telemetry API's shape ({@code platform.start}, {@code platform.report}, ...).
 */
sealed interface PlatformEvent {

    /** How an init or an invocation ended, in the Telemetry API's words. */
    enum Status {
        SUCCESS("success"),
        ERROR("error"),
        TIMEOUT("timeout");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    /**
     * The runtime's init began.
     *
     * @param initializationType "on-demand" or "provisioned-concurrency"
     * @param phase              "init", or "invoke" when init is retried within an invocation
     */
    record InitStart(String initializationType, String phase, String runtimeVersion, String runtimeVersionArn,
                     String functionName, String functionVersion) implements PlatformEvent {
    }

    /** The runtime's init ended: it asked for its first event, reported an init error, exited or ran out of time. */
    record InitEnd(String initializationType, String phase, Status status, Duration duration,
                   Optional<String> errorType) implements PlatformEvent {
        public InitEnd {
            Objects.requireNonNull(duration);
            Objects.requireNonNull(errorType);
        }
    }

    /** An invocation was handed to the runtime. */
    record Start(String requestId, String version) implements PlatformEvent {
    }

    /** How an invocation's runtime side ended. */
    enum Ending {
        /** The runtime posted a response. */
        RESPONSE,
        /** The runtime posted an error, or a response Lambda refuses (too large). */
        FUNCTION_ERROR,
        /** The runtime exited before it answered. */
        RUNTIME_EXIT,
        /** The function's timeout ran out. */
        TIMEOUT;

        Status status() {
            return switch (this) {
                case RESPONSE -> Status.SUCCESS;
                case FUNCTION_ERROR, RUNTIME_EXIT -> Status.ERROR;
                case TIMEOUT -> Status.TIMEOUT;
            };
        }
    }

    /**
     * An invocation ended: Text writes its END and REPORT lines (and, before them, why the runtime
     * exited or that the task timed out), JSON its {@code platform.runtimeDone} and {@code platform.report}.
     *
     * @param errorType     the error's type, unless the invocation succeeded
     * @param exit          for {@link Ending#RUNTIME_EXIT}, how the runtime exited ("exit status 1", "signal: killed")
     * @param duration      REPORT's Duration: the timeout itself when it timed out
     * @param init          the init duration, on the invocation that started the environment
     * @param producedBytes the size of the response the runtime posted
     */
    record InvokeEnd(String requestId, Ending ending, Optional<String> errorType, Optional<String> exit,
                     Duration duration, int memoryMb, long maxMemoryUsedMb, Optional<Duration> init,
                     long producedBytes) implements PlatformEvent {
        public InvokeEnd {
            Objects.requireNonNull(requestId);
            Objects.requireNonNull(ending);
            Objects.requireNonNull(errorType);
            Objects.requireNonNull(exit);
            Objects.requireNonNull(duration);
            Objects.requireNonNull(init);
        }

        long billedMillis() {
            return InvokeReport.billedMillis(duration);
        }
    }
}
