package dev.lamina.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionConfigTest {
    @Test
    void aConfigurationShowsItsVariablesNamesButNeverTheirValues() {
        FunctionConfig d = FunctionConfig.defaults("arn:aws:iam::000000000000:role/r");
        FunctionConfig c = new FunctionConfig(d.description(), d.runtime(), Optional.of("index.handler"), d.role(),
                d.memorySize(), d.timeout(), Map.of("DB_PASSWORD", "hunter2-s3cret"), d.ephemeralStorageMb(),
                List.of(), d.tracingMode(), d.logging(), d.deadLetterTargetArn(), d.architecture(),
                Optional.of("arn:aws:kms:us-east-1:000000000000:key/k"), d.vpc(), d.snapStart());
        assertThat(c.toString()).contains("DB_PASSWORD", "index.handler", "key/k").doesNotContain("hunter2");
        assertThat(new FunctionVersionLike(c).toString()).doesNotContain("hunter2");
    }

    /** Records that hold a configuration print it through its own toString. */
    private record FunctionVersionLike(FunctionConfig config) {
    }
}
