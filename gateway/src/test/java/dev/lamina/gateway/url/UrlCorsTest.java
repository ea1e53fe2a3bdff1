package dev.lamina.gateway.url;

import dev.lamina.control.FunctionUrlConfig.Cors;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UrlCorsTest {
    private static final UrlCors CORS = new UrlCors(new Cors(Optional.of(true), Optional.of(List.of("X-Token")),
            Optional.of(List.of("GET", "POST")), Optional.of(List.of("https://app.example")),
            Optional.of(List.of("x-custom")), Optional.of(600)));

    private static WebRequest request(String method, Header... headers) {
        return new WebRequest("r", "id", method, "/", "", List.of(headers), new byte[0], "127.0.0.1", "HTTP/1.1",
                Instant.EPOCH);
    }

    private static String value(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }

    @Test
    void onlyAnOptionsWithOriginAndRequestMethodIsAPreflight() {
        assertThat(UrlCors.isPreflight(request("OPTIONS", new Header("Origin", "o"),
                new Header("Access-Control-Request-Method", "GET")))).isTrue();
        assertThat(UrlCors.isPreflight(request("OPTIONS", new Header("Origin", "o")))).isFalse();
        assertThat(UrlCors.isPreflight(request("GET", new Header("Origin", "o"),
                new Header("Access-Control-Request-Method", "GET")))).isFalse();
    }

    @Test
    void anAllowedPreflightGetsTheConfiguredHeaders() {
        List<Header> h = CORS.preflight(request("OPTIONS", new Header("Origin", "https://app.example"),
                new Header("Access-Control-Request-Method", "POST"),
                new Header("Access-Control-Request-Headers", "x-token")));

        assertThat(value(h, "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(value(h, "Access-Control-Allow-Methods")).isEqualTo("GET,POST");
        assertThat(value(h, "Access-Control-Allow-Headers")).isEqualTo("X-Token");
        assertThat(value(h, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(value(h, "Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void aPreflightForAnotherOriginMethodOrHeaderGetsNoCorsHeaders() {
        assertThat(CORS.preflight(request("OPTIONS", new Header("Origin", "https://evil.example"),
                new Header("Access-Control-Request-Method", "GET")))).isEmpty();
        assertThat(CORS.preflight(request("OPTIONS", new Header("Origin", "https://app.example"),
                new Header("Access-Control-Request-Method", "DELETE")))).isEmpty();
        assertThat(CORS.preflight(request("OPTIONS", new Header("Origin", "https://app.example"),
                new Header("Access-Control-Request-Method", "GET"),
                new Header("Access-Control-Request-Headers", "x-token, x-other")))).isEmpty();
    }

    @Test
    void responsesToAnAllowedOriginCarryTheConfigurationsHeadersInsteadOfTheFunctions() {
        List<Header> h = CORS.apply(request("GET", new Header("Origin", "https://app.example")),
                List.of(new Header("Content-Type", "text/plain"), new Header("Access-Control-Allow-Origin", "*")));

        assertThat(h).extracting(Header::name).containsExactly("Content-Type", "Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers", "Vary");
        assertThat(value(h, "Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(CORS.apply(request("GET", new Header("Origin", "https://evil.example")), List.of()))
                .as("another origin gets none").isEmpty();
    }

    @Test
    void aWildcardOriginAnswersStarUnlessCredentialsAreAllowed() {
        UrlCors any = new UrlCors(new Cors(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of("*")), Optional.empty(), Optional.empty()));
        UrlCors anyWithCredentials = new UrlCors(new Cors(Optional.of(true), Optional.empty(), Optional.empty(),
                Optional.of(List.of("*")), Optional.empty(), Optional.empty()));
        WebRequest get = request("GET", new Header("Origin", "https://x.example"));

        assertThat(value(any.apply(get, List.of()), "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(value(anyWithCredentials.apply(get, List.of()), "Access-Control-Allow-Origin"))
                .isEqualTo("https://x.example");
    }
}
