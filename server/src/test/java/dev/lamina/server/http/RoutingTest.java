package dev.lamina.server.http;

import dev.lamina.server.sqs.SqsEndpoints;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {
    private static final QueryProtocol SQS = new QueryProtocol(List.of(new QueryService("sqs", "sqs", r -> null,
            SqsEndpoints.model(), Set.of("SendMessage"), 1, (o, i) -> "*", c -> null, Optional.empty())), null);

    private static String auth(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/" + service + "/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";
    }

    private static Routing.Decision decide(String method, String path, String query, Map<String, String> headers) {
        return Routing.decide(method, path, query, name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst(), SQS);
    }

    @Test
    void aTargetOnPostSlashIsTheJsonProtocolsWhateverTheScope() {
        assertThat(decide("POST", "/", "", Map.of("X-Amz-Target", "AmazonSQS.SendMessage", "Authorization", auth("sqs"))))
                .isEqualTo(new Routing.Json("AmazonSQS.SendMessage"));
        assertThat(decide("POST", "/", "", Map.of("X-Amz-Target", "Nope.Op")))
                .isEqualTo(new Routing.Json("Nope.Op"));
    }

    @Test
    void theScopeOfAQueryServiceSendsItThereWhateverThePath() {
        assertThat(decide("POST", "/000000000000/q", "", Map.of("Authorization", auth("sqs"))))
                .isEqualTo(new Routing.Query(Optional.of("sqs")));
        assertThat(decide("GET", "/", "Action=ListQueues&X-Amz-Credential=AKIA%2F20260101%2Fus-east-1%2Fsqs%2Faws4_request",
                Map.of())).isEqualTo(new Routing.Query(Optional.of("sqs")));
    }

    @Test
    void lambdaAndUnsignedRequestsWithoutAnActionGoByPath() {
        assertThat(decide("GET", "/2015-03-31/functions/", "", Map.of("Authorization", auth("lambda"))))
                .isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/health", "", Map.of())).isEqualTo(new Routing.Rest());
        assertThat(decide("POST", "/2015-03-31/functions/f/invocations", "", Map.of("Authorization", auth("lambda"),
                "Content-Type", "application/x-www-form-urlencoded"))).isEqualTo(new Routing.Rest());
    }

    @Test
    void anActionOrAFormWithoutAKnownScopeIsTheQueryProtocols() {
        assertThat(decide("POST", "/", "", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")))
                .isEqualTo(new Routing.Query(Optional.empty()));
        assertThat(decide("GET", "/", "Version=1&Action=ListUsers", Map.of("Authorization", auth("iam"))))
                .isEqualTo(new Routing.Query(Optional.empty()));
    }

    @Test
    void theScopesServiceIsReadFromTheHeaderOrThePresignedQuery() {
        assertThat(Routing.scopeService(Optional.of(auth("sqs")), "")).contains("sqs");
        assertThat(Routing.scopeService(Optional.of("AWS4-HMAC-SHA256 Credential=bad"), "")).isEmpty();
        assertThat(Routing.scopeService(Optional.empty(), "X-Amz-Credential=K%2Fd%2Fr%2Flogs%2Faws4_request"))
                .contains("logs");
        assertThat(Routing.scopeService(Optional.empty(), "")).isEmpty();
    }

    private static Routing.FrontDoor url(String id, String rawPath) {
        return new Routing.FrontDoor(Routing.Front.FUNCTION_URL, id, rawPath);
    }

    private static Routing.FrontDoor api(String id, String rawPath) {
        return new Routing.FrontDoor(Routing.Front.EXECUTE_API, id, rawPath);
    }

    @Test
    void aFunctionUrlHostIsTheFrontDoorsWhateverItCarries() {
        assertThat(decide("GET", "/x", "a=1", Map.of("Host", "abc.lambda-url.us-east-1.localhost:9070")))
                .isEqualTo(url("abc", "/x"));
        assertThat(decide("GET", "/", "", Map.of("Host", "ABC.Lambda-URL.eu-west-1.LOCALHOST")))
                .isEqualTo(url("abc", "/"));
        // signed for lambda, with a target, with Lambda's own paths: still the function URL's
        assertThat(decide("POST", "/2015-03-31/functions/f/invocations", "", Map.of("Host",
                "abc.lambda-url.us-east-1.localhost", "Authorization", auth("lambda")))).isEqualTo(url("abc",
                "/2015-03-31/functions/f/invocations"));
        assertThat(decide("POST", "/", "", Map.of("Host", "abc.lambda-url.us-east-1.localhost",
                "X-Amz-Target", "AmazonSQS.SendMessage"))).isEqualTo(url("abc", "/"));
    }

    @Test
    void executeApiHostsWithOrWithoutARegionAreTheApisFrontDoor() {
        assertThat(decide("GET", "/prod/items", "", Map.of("Host", "a1b2c3d4e5.execute-api.localhost:9070")))
                .isEqualTo(api("a1b2c3d4e5", "/prod/items"));
        assertThat(decide("GET", "/", "", Map.of("Host", "a1.execute-api.us-east-1.localhost")))
                .isEqualTo(api("a1", "/"));
        assertThat(decide("GET", "/", "", Map.of("Host", "a1.execute-api.localhost", "Authorization",
                auth("execute-api")))).isEqualTo(api("a1", "/"));
    }

    @Test
    void pathStyleAddressesAreFrontDoorsOnAnyHost() {
        assertThat(decide("GET", "/_aws/lambda-url/abc/p/q", "", Map.of("Host", "127.0.0.1:9070")))
                .isEqualTo(url("abc", "/p/q"));
        assertThat(decide("GET", "/_aws/lambda-url/abc", "", Map.of())).isEqualTo(url("abc", "/"));
        assertThat(decide("GET", "/_aws/lambda-url/abc/", "", Map.of())).isEqualTo(url("abc", "/"));
        assertThat(decide("PUT", "/_aws/execute-api/xyz/prod/a/../b", "", Map.of("Authorization", auth("lambda"))))
                .isEqualTo(api("xyz", "/prod/a/../b"));
    }

    @Test
    void hostsAndPathsThatOnlyLookLikeFrontDoorsAreNot() {
        assertThat(decide("GET", "/_aws/lambda-url/", "", Map.of())).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/_aws/lambda-url//x", "", Map.of())).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/_aws/lambda-url/a%2Fb/x", "", Map.of())).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/x/_aws/execute-api/a/", "", Map.of())).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/", "", Map.of("Host", "abc.lambda-url.localhost"))).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/", "", Map.of("Host", "abc.execute-api.example.com"))).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/", "", Map.of("Host", "x.abc.execute-api.localhost"))).isEqualTo(new Routing.Rest());
        assertThat(decide("GET", "/", "", Map.of("Host", "abc.lambda-url.us-east-1.localhost:90x")))
                .isEqualTo(new Routing.Rest());
    }

    @Test
    void theApigatewayScopeIsTheControlPlanesCodec() {
        assertThat(decide("POST", "/v2/apis", "", Map.of("Authorization", auth("apigateway"))))
                .isEqualTo(new Routing.ApiGateway());
        assertThat(decide("PATCH", "/restapis/abc", "", Map.of("Authorization", auth("apigateway"))))
                .isEqualTo(new Routing.ApiGateway());
    }

    @Test
    void theSchedulerScopeIsSchedulersRestJsonCodec() {
        assertThat(decide("POST", "/schedules/s1", "", Map.of("Authorization", auth("scheduler"))))
                .isEqualTo(new Routing.Scheduler());
        assertThat(decide("GET", "/schedule-groups", "", Map.of("Authorization", auth("scheduler"))))
                .isEqualTo(new Routing.Scheduler());
    }
}
