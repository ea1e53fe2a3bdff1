package dev.lamina.gateway.rest;

import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MockIntegrationTest {
    private static Deployed.Integration mock(String template, Deployed.IntegrationResponse... responses) {
        return new Deployed.Integration("MOCK", Optional.empty(), Map.of("application/json", template), 29000,
                List.of(responses));
    }

    private static Deployed.IntegrationResponse response(String status, String pattern, String body) {
        return new Deployed.IntegrationResponse(status, Optional.ofNullable(pattern), Map.of("application/json", body),
                Map.of("method.response.header.X-A", "'b'", "method.response.header.X-Dynamic", "integration.x"));
    }

    @Test
    void theTemplatesStatusSelectsTheResponseByPattern() {
        var a = MockIntegration.answer(mock("{\"statusCode\": 404}", response("200", null, "ok"),
                response("404", "4\\d\\d", "missing")), Optional.empty()).orElseThrow();

        assertThat(a.status()).isEqualTo(404);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("missing");
        assertThat(a.headers()).contains(new Header("X-A", "b")).noneMatch(h -> h.name().equals("X-Dynamic"));
    }

    @Test
    void withoutAMatchingPatternTheDefaultResponseAnswers() {
        var a = MockIntegration.answer(mock("{\"statusCode\": 500}", response("200", null, "ok"),
                response("404", "404", "missing")), Optional.of("application/json")).orElseThrow();

        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void withoutAnyResponseThereIsNoAnswer() {
        assertThat(MockIntegration.answer(mock("not json", response("404", "404", "x")), Optional.empty())).isEmpty();
    }
}
