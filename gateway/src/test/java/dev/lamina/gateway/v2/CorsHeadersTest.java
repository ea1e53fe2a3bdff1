package dev.lamina.gateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebRequest.Header;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorsHeadersTest {
    static WebRequest request(String method, Header... headers) {
        return new WebRequest("r1", "api", method, "/x", "", List.of(headers), new byte[0], "127.0.0.1", "HTTP/1.1",
                Instant.EPOCH);
    }

    static ObjectNode config(boolean credentials, String... origins) {
        ObjectNode in = Docs.object();
        in.set("AllowOrigins", Docs.strings(List.of(origins)));
        in.set("AllowMethods", Docs.strings(List.of("GET", "PUT")));
        in.set("AllowHeaders", Docs.strings(List.of("Content-Type")));
        in.set("ExposeHeaders", Docs.strings(List.of("X-Id")));
        in.put("MaxAge", 60);
        in.put("AllowCredentials", credentials);
        return Cors.checked(in);
    }

    @Test
    void aPreflightFromAnAllowedOriginForAnAllowedMethodIsAnsweredWithTheConfiguration() {
        WebRequest r = request("OPTIONS", new Header("Origin", "https://a.example"),
                new Header("Access-Control-Request-Method", "PUT"));
        assertThat(CorsHeaders.isPreflight(r)).isTrue();
        assertThat(CorsHeaders.preflight(config(true, "https://a.example"), r)).containsExactly(
                new Header("Access-Control-Allow-Origin", "https://a.example"),
                new Header("Access-Control-Allow-Credentials", "true"),
                new Header("Access-Control-Allow-Methods", "GET,PUT"),
                new Header("Access-Control-Allow-Headers", "content-type"),
                new Header("Access-Control-Max-Age", "60"));
    }

    @Test
    void anotherOriginOrMethodGetsNoCorsHeaders() {
        WebRequest otherOrigin = request("OPTIONS", new Header("Origin", "https://b.example"),
                new Header("Access-Control-Request-Method", "PUT"));
        assertThat(CorsHeaders.preflight(config(false, "https://a.example"), otherOrigin)).isEmpty();
        WebRequest otherMethod = request("OPTIONS", new Header("Origin", "https://a.example"),
                new Header("Access-Control-Request-Method", "DELETE"));
        assertThat(CorsHeaders.preflight(config(false, "https://a.example"), otherMethod)).isEmpty();
        assertThat(CorsHeaders.isPreflight(request("OPTIONS", new Header("Origin", "https://a.example")))).isFalse();
    }

    @Test
    void anyOriginIsAStarAndActualRequestsExposeHeaders() {
        WebRequest r = request("GET", new Header("Origin", "https://z.example"));
        assertThat(CorsHeaders.actual(config(false, "*"), r)).containsExactly(
                new Header("Access-Control-Allow-Origin", "*"),
                new Header("Access-Control-Expose-Headers", "x-id"));
        assertThat(CorsHeaders.actual(config(false, "*"), request("GET"))).isEmpty();
    }
}
