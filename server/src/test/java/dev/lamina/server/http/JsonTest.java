package dev.lamina.server.http;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request documents as the edge reads them. */
class JsonTest {
    static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentThatRepeatsAMemberIsRefusedAsMalformed() {
        assertThatThrownBy(() -> Json.readObject(body("{\"FunctionName\":\"mine\",\"FunctionName\":\"prod\"}")))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
                    assertThat(e.getMessage()).startsWith("Could not parse request body into json: ")
                            .contains("FunctionName").doesNotContain("prod");
                });
        assertThatThrownBy(() -> Json.readObject(body("{\"Environment\":{\"Variables\":{\"A\":\"1\",\"A\":\"2\"}}}")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
    }

    @Test
    void theSameNameInDifferentObjectsIsNoDuplicate() throws Exception {
        assertThat(Json.readObject(body("{\"A\":{\"A\":1},\"B\":{\"A\":2}}")).at("/B/A").asInt()).isEqualTo(2);
    }
}
