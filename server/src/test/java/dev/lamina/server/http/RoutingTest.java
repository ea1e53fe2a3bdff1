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
}
