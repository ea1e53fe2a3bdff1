package dev.lamina.server;

import java.time.Duration;

/**
 * How a Lamina node treats credentials.
 *
 * @param roleSessionDuration how long the execution-role credentials given to each environment are
 *                            valid; an environment is retired before its credentials expire
 */
public record SecurityConfig(Duration roleSessionDuration) {
    /** Lambda's execution-role sessions last hours; environments rarely live longer. */
    public static final Duration DEFAULT_ROLE_SESSION_DURATION = Duration.ofHours(6);
    public static final Duration MIN_ROLE_SESSION_DURATION = Duration.ofSeconds(10);

    public SecurityConfig {
        if (roleSessionDuration.compareTo(MIN_ROLE_SESSION_DURATION) < 0
                || roleSessionDuration.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("role sessions last 10 seconds to 12 hours: " + roleSessionDuration);
        }
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(DEFAULT_ROLE_SESSION_DURATION);
    }

    public SecurityConfig withRoleSessionDuration(Duration value) {
        return new SecurityConfig(value);
    }
}
