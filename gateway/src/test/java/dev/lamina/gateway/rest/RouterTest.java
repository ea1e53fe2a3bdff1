package dev.lamina.gateway.rest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {
    private static Deployed.Resource r(String pathPart, String path, Deployed.Resource... children) {
        return new Deployed.Resource(path, pathPart, path, Map.of(), List.of(children));
    }

    // /items, /items/{id}, /items/{id}/parts, /items/special, /{proxy+}
    static final Deployed.Resource ROOT = r("", "/",
            r("items", "/items",
                    r("{id}", "/items/{id}", r("parts", "/items/{id}/parts")),
                    r("special", "/items/special")),
            r("{proxy+}", "/{proxy+}"));

    private static Optional<Router.Match> match(String path) {
        return Router.match(ROOT, path);
    }

    @Test
    void theRootIsTheEmptyPathAndTheSlash() {
        assertThat(match("").orElseThrow().resource().path()).isEqualTo("/");
        assertThat(match("/").orElseThrow().resource().path()).isEqualTo("/");
    }

    @Test
    void aLiteralBeatsAParameter() {
        assertThat(match("/items/special").orElseThrow().resource().path()).isEqualTo("/items/special");
        Router.Match m = match("/items/7").orElseThrow();
        assertThat(m.resource().path()).isEqualTo("/items/{id}");
        assertThat(m.pathParameters()).containsExactly(Map.entry("id", "7"));
    }

    @Test
    void aDeadEndFallsBackToTheGreedyProxyWithoutTheAbandonedParameters() {
        Router.Match m = match("/items/7/other").orElseThrow();
        assertThat(m.resource().path()).isEqualTo("/{proxy+}");
        assertThat(m.pathParameters()).containsExactly(Map.entry("proxy", "items/7/other"));
    }

    @Test
    void parametersArePercentDecodedAndATrailingSlashIsIgnored() {
        assertThat(match("/items/a%20b/parts/").orElseThrow().pathParameters())
                .containsExactly(Map.entry("id", "a b"));
        assertThat(match("/x%2Fy").orElseThrow().pathParameters()).containsExactly(Map.entry("proxy", "x/y"));
    }

    @Test
    void withoutAGreedyResourceAnUnknownPathMatchesNothing() {
        Deployed.Resource root = r("", "/", r("items", "/items"));
        assertThat(Router.match(root, "/other")).isEmpty();
        assertThat(Router.match(root, "/items//")).isEmpty();
    }
}
