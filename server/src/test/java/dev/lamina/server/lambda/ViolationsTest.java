package dev.lamina.server.lambda;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ViolationsTest {
    @Test
    void oneViolationIsWordedAsAwsWordsIt() {
        Violations v = new Violations();
        v.min("memorySize", 100, 128);
        assertThatThrownBy(v::throwIfAny).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value '100' at 'memorySize' failed to "
                    + "satisfy constraint: Member must have value greater than or equal to 128");
        });
    }

    @Test
    void severalViolationsAreCountedAndJoinedBySemicolons() {
        Violations v = new Violations();
        v.length("description", "x".repeat(257), 0, 256);
        v.oneOf("runtime", "cobol", List.of("nodejs20.x", "python3.12"));
        v.required("role", null);
        assertThatThrownBy(v::throwIfAny).hasMessageStartingWith("3 validation errors detected: Value '")
                .hasMessageContaining("Member must have length less than or equal to 256; Value 'cobol' at 'runtime'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [nodejs20.x, python3.12]")
                .hasMessageEndingWith("Value null at 'role' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void sensitiveValuesAreNeverEchoed() {
        Violations v = new Violations();
        v.addSensitive("environment.variables", "Map keys must satisfy constraint");
        assertThatThrownBy(v::throwIfAny).hasMessage("1 validation error detected: Value at 'environment.variables'"
                + " failed to satisfy constraint: Map keys must satisfy constraint");
    }

    @Test
    void valuesWithinTheConstraintsPass() {
        Violations v = new Violations();
        v.min("timeout", 1, 1);
        v.max("timeout", 900, 900);
        v.pattern("handler", "index.handler", ConfigParser.HANDLER_PATTERN);
        v.length("name", "a", 1, 64);
        assertThatNoException().isThrownBy(v::throwIfAny);
    }
}
