package dev.lamina.gateway.v2;

import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    /** The routes of API Gateway's own example, and what each request selects. */
    static RouteTable<String> example() {
        RouteTable<String> t = new RouteTable<>();
        for (String key : new String[]{"GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}",
                "$default"}) {
            t.add(RouteKey.parse(key), key);
        }
        return t;
    }

    static Optional<String> select(RouteTable<String> t, String method, String path) {
        return t.select(method, path).map(RouteTable.Match::route);
    }

    @Test
    void aFullMatchBeatsAVariableWhichBeatsAGreedyVariableWhichBeatsDefault() {
        RouteTable<String> t = example();
        assertThat(select(t, "GET", "/pets/dog/1")).contains("GET /pets/dog/1");
        assertThat(select(t, "GET", "/pets/dog/2")).contains("GET /pets/dog/{id}");
        assertThat(select(t, "GET", "/pets/cat/1")).contains("GET /pets/{proxy+}");
        assertThat(select(t, "POST", "/pets/cat/1")).contains("ANY /{proxy+}");
        assertThat(select(t, "GET", "/")).contains("$default");
    }

    @Test
    void pathParametersAreDecodedAndTheGreedyOneKeepsItsSlashes() {
        RouteTable<String> t = example();
        assertThat(t.select("GET", "/pets/dog/a%20b").orElseThrow().pathParameters()).isEqualTo(Map.of("id", "a b"));
        assertThat(t.select("DELETE", "/a/b/c").orElseThrow().pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
    }

    @Test
    void aRouteWithTheRequestsMethodBeatsAnyOnTheSamePath() {
        RouteTable<String> t = new RouteTable<>();
        t.add(RouteKey.parse("ANY /items"), "any");
        t.add(RouteKey.parse("GET /items"), "get");
        assertThat(select(t, "GET", "/items")).contains("get");
        assertThat(select(t, "PUT", "/items")).contains("any");
    }

    @Test
    void literalSegmentsWinFromTheLeft() {
        RouteTable<String> t = new RouteTable<>();
        t.add(RouteKey.parse("GET /{a}/b"), "var-first");
        t.add(RouteKey.parse("GET /a/{b}"), "literal-first");
        assertThat(select(t, "GET", "/a/b")).contains("literal-first");
    }

    @Test
    void withoutAMatchOrDefaultNothingIsSelected() {
        RouteTable<String> t = new RouteTable<>();
        t.add(RouteKey.parse("GET /items/{id}"), "item");
        assertThat(select(t, "GET", "/items")).isEmpty();
        assertThat(select(t, "GET", "/items/")).isEmpty();
        assertThat(select(t, "POST", "/items/1")).isEmpty();
        assertThat(select(t, "GET", "/items/1/more")).isEmpty();
    }

    @Test
    void aGreedyVariableNeedsAtLeastOneSegment() {
        RouteTable<String> t = new RouteTable<>();
        t.add(RouteKey.parse("ANY /files/{proxy+}"), "files");
        assertThat(select(t, "GET", "/files")).isEmpty();
        assertThat(select(t, "GET", "/files/x")).contains("files");
    }

    @Test
    void routeKeysThatAreNotMethodAndPathAreRefused() {
        for (String bad : new String[]{"GET", "get /x", "FETCH /x", "GET x", "GET /{proxy+}/x", "GET /a//b",
                "GET /{a}/{a}", "GET /a{b}", "GET /x/", ""}) {
            assertThatThrownBy(() -> RouteKey.parse(bad)).as(bad).isInstanceOf(ServiceException.class)
                    .extracting(e -> ((ServiceException) e).code()).isEqualTo("BadRequestException");
        }
        assertThat(RouteKey.parse("GET /").segments()).isEmpty();
        assertThat(RouteKey.parse("ANY /{proxy+}").path()).isEqualTo("/{proxy+}");
    }
}
