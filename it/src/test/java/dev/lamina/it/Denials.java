package dev.lamina.it;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Checks for Lambda's AccessDeniedException (the model declares no shape, so the SDK throws LambdaException). */
final class Denials {
    private Denials() {
    }

    /** Asserts a 403 AccessDeniedException; returns its message. */
    static String assertDenied(ThrowableAssert.ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(LambdaException.class);
        LambdaException e = (LambdaException) t;
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        return e.awsErrorDetails().errorMessage();
    }
}
