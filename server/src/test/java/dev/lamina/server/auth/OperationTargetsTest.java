package dev.lamina.server.auth;

import dev.lamina.model.AccountId;
import dev.lamina.model.RequestId;
import dev.lamina.model.Region;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTargetsTest {
    static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:";
    final OperationTargets targets = new OperationTargets(new Region("eu-west-1"), new AccountId("123456789012"));

    static ApiRequest request(Map<String, String> path, Map<String, List<String>> query, byte[] body) {
        return new ApiRequest(RequestId.random(), "GET", "/", path, query, "", name -> Optional.empty(),
                RequestBody.of(body), "localhost");
    }

    static ApiRequest request(Map<String, String> path, Map<String, List<String>> query) {
        return request(path, query, new byte[0]);
    }

    @Test
    void invokeIsInvokeFunctionOnTheFunctionArn() {
        Target t = targets.target("Invoke", request(Map.of("FunctionName", "orders"), Map.of()));
        assertThat(t.action()).isEqualTo("lambda:InvokeFunction");
        assertThat(t.resource()).isEqualTo(FN + "orders");
        assertThat(t.function()).hasValueSatisfying(f -> assertThat(f.value()).isEqualTo("orders"));
        assertThat(targets.target("InvokeAsync", request(Map.of("FunctionName", "orders"), Map.of())).action())
                .isEqualTo("lambda:InvokeAsync");
    }

    @Test
    void laminasOwnRoutesAreTheirActionOnTheFunctionTheyNameElseOnAnyResource() {
        Target all = targets.target("lamina:GetUsage", request(Map.of(), Map.of()));
        assertThat(all.action()).isEqualTo("lamina:GetUsage");
        assertThat(all.resource()).isEqualTo("*");
        Target one = targets.target("lamina:GetUsage", request(Map.of(), Map.of("function", List.of("orders"))));
        assertThat(one.action()).isEqualTo("lamina:GetUsage");
        assertThat(one.resource()).isEqualTo(FN + "orders");
        assertThat(one.function()).as("no resource policy applies").isEmpty();
    }

    @Test
    void aQualifierInTheNameOrTheQueryQualifiesTheResource() {
        assertThat(targets.target("GetFunction", request(Map.of("FunctionName", "orders:prod"), Map.of())).resource())
                .isEqualTo(FN + "orders:prod");
        assertThat(targets.target("GetFunction", request(Map.of("FunctionName", FN + "orders"),
                Map.of("Qualifier", List.of("7")))).resource()).isEqualTo(FN + "orders:7");
        assertThat(targets.target("GetAlias", request(Map.of("FunctionName", "orders", "Name", "prod"),
                Map.of())).resource()).as("alias operations name the function").isEqualTo(FN + "orders");
    }

    @Test
    void aQualifierParameterCountsOnlyForOperationsThatReadIt() {
        Map<String, List<String>> dev = Map.of("Qualifier", List.of("dev"));
        assertThat(targets.target("UpdateFunctionCode", request(Map.of("FunctionName", "app"), dev)).resource())
                .as("UpdateFunctionCode replaces $LATEST whatever ?Qualifier= says").isEqualTo(FN + "app");
        assertThat(targets.target("UpdateFunctionCode", request(Map.of("FunctionName", "app"), dev)).qualifier())
                .isEmpty();
        assertThat(targets.target("PutFunctionConcurrency", request(Map.of("FunctionName", "app"), dev)).resource())
                .isEqualTo(FN + "app");
        assertThat(targets.target("Invoke", request(Map.of("FunctionName", "app"), dev)).resource())
                .isEqualTo(FN + "app:dev");
    }

    @Test
    void theOperationsReadingAQualifierParameterAreThoseOfTheModel() throws Exception {
        Optional<Path> model = lambdaModel();
        Assumptions.assumeTrue(model.isPresent(), "the botocore model (shared/aws-models) is not checked out here");
        JsonNode shapes;
        JsonNode operations;
        try (var in = Files.newInputStream(model.get())) {
            JsonNode root = new ObjectMapper().readTree(in);
            shapes = root.get("shapes");
            operations = root.get("operations");
        }
        Set<String> inModel = new TreeSet<>();
        operations.properties().forEach(op -> {
            JsonNode qualifier = shapes.path(op.getValue().path("input").path("shape").asText())
                    .path("members").path("Qualifier");
            if (qualifier.path("location").asText().equals("querystring")) {
                inModel.add(op.getKey());
            }
        });
        assertThat(inModel).contains("Invoke", "GetFunction");
        assertThat(new TreeSet<>(OperationTargets.QUALIFIER_IN_QUERY)).isEqualTo(inModel);
    }

    /** shared/aws-models next to the repository, found from the working directory (the module or the root). */
    static Optional<Path> lambdaModel() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/aws-models/lambda-2015-03-31/service-2.json");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void tagOperationsNameTheCanonicalArnOfTheFunctionTheOperationWouldTag() {
        Target other = targets.target("TagResource", request(Map.of("Resource",
                "arn:aws-x:lambda:eu-west-1:123456789012:function:x"), Map.of()));
        assertThat(other.resource()).as("another partition names no function here")
                .isEqualTo("arn:aws-x:lambda:eu-west-1:123456789012:function:x");
        assertThat(other.function()).isEmpty();
        Target t = targets.target("UntagResource", request(Map.of("Resource", FN + "x"), Map.of()));
        assertThat(t.resource()).isEqualTo(FN + "x");
        assertThat(t.function()).hasValueSatisfying(f -> assertThat(f.value()).isEqualTo("x"));
        assertThat(targets.target("ListTags", request(Map.of("Resource", FN + "x:1"), Map.of())).function())
                .as("a qualified ARN is refused by the operation").isEmpty();
    }

    @Test
    void accountOperationsNameEveryResourceAndTagOperationsTheirArn() {
        Target list = targets.target("ListFunctions", request(Map.of(), Map.of()));
        assertThat(list.action()).isEqualTo("lambda:ListFunctions");
        assertThat(list.resource()).isEqualTo("*");
        assertThat(list.function()).isEmpty();
        assertThat(targets.target("TagResource", request(Map.of("Resource", FN + "x"), Map.of())).resource())
                .isEqualTo(FN + "x");
    }

    @Test
    void mappingOperationsNameTheMappingArnAndCreateAndListNameEveryResource() {
        String uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2";
        for (String op : List.of("GetEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping")) {
            Target t = targets.target(op, request(Map.of("UUID", uuid), Map.of()));
            assertThat(t.action()).isEqualTo("lambda:" + op);
            assertThat(t.resource()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:" + uuid);
        }
        assertThat(targets.target("CreateEventSourceMapping", request(Map.of(), Map.of())).resource()).isEqualTo("*");
        assertThat(targets.target("ListEventSourceMappings", request(Map.of(), Map.of())).resource()).isEqualTo("*");
    }

    @Test
    void anInvalidNameIsStillCheckedOnWhatWasAskedFor() {
        Target t = targets.target("GetFunction", request(Map.of("FunctionName", "not a name"), Map.of()));
        assertThat(t.resource()).isEqualTo(FN + "not a name");
        assertThat(t.function()).isEmpty();
    }

    @Test
    void createFunctionFindsItsNameInTheBodyAndHandsTheBodyOn() throws Exception {
        String body = "{\"Code\":{\"ZipFile\":\"UEsDBA==\"},\"Tags\":{\"FunctionName\":\"decoy\"},\"FunctionName\":\"new-fn\"}";
        var read = targets.fromBody("CreateFunction", request(Map.of(), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.target().action()).isEqualTo("lambda:CreateFunction");
        assertThat(read.target().resource()).isEqualTo(FN + "new-fn");
        assertThat(new String(read.request().body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aDenialSaysWhichKindOfPolicyToLookAt() {
        Caller user = new Caller("AKIA1", "arn:aws:iam::123456789012:user/bob", Caller.Kind.USER);
        Target t = Target.anyResource("lambda:ListFunctions");
        assertThat(PolicyAuthorizer.denied(user, t, dev.lamina.control.policy.PolicyEngine.Decision.IMPLICITLY_DENIED))
                .hasMessage("User: arn:aws:iam::123456789012:user/bob is not authorized to perform: lambda:ListFunctions"
                        + " on resource: * because no identity-based policy allows the lambda:ListFunctions action");
        assertThat(PolicyAuthorizer.denied(user, t, dev.lamina.control.policy.PolicyEngine.Decision.DENIED_BY_RESOURCE_POLICY))
                .hasMessageEndingWith("on resource: * with an explicit deny in a resource-based policy");
    }
}
