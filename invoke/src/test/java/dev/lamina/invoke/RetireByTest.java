package dev.lamina.invoke;

import dev.lamina.model.FunctionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetireByTest {
    static final Instant ISSUED = Instant.parse("2026-12-01T00:00:00Z");

    static SessionCredentials lasting(Duration lifetime) {
        return new SessionCredentials("ASIAEXAMPLE", "secret", "token", ISSUED, ISSUED.plus(lifetime));
    }

    static FunctionConfig withTimeout(int seconds) {
        FunctionConfig d = FunctionConfig.defaults("role");
        return new FunctionConfig(d.description(), d.runtime(), d.handler(), d.role(), d.memorySize(), seconds,
                d.environment(), d.ephemeralStorageMb(), d.layers(), d.tracingMode(), d.logging(),
                d.deadLetterTargetArn(), d.architecture(), d.kmsKeyArn(), d.vpc(), d.snapStart());
    }

    @Test
    void anEnvironmentStopsTakingInvocationsATimeoutAndAMinuteBeforeItsCredentialsExpire() {
        assertThat(Environments.retireBy(lasting(Duration.ofHours(12)), withTimeout(900)))
                .isEqualTo(ISSUED.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(16)));
    }

    @Test
    void shortLivedCredentialsStillServeHalfTheirLifetime() {
        assertThat(Environments.retireBy(lasting(Duration.ofSeconds(40)), withTimeout(3)))
                .isEqualTo(ISSUED.plusSeconds(20));
    }
}
