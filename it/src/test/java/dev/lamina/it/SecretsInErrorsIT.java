package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refused request never repeats a variable's value: error messages end up in callers' logs, CI
 * output and bug reports, where a secret does not belong.
 */
class SecretsInErrorsIT extends ServerPerClass {
    // Letters and digits only: Jackson quotes a bad token up to the first character that ends a word.
    private static final String SECRET = "s3cret" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void aRefusedEnvironmentNamesTheProblemButNeverTheValue() {
        refused("bad-name", b -> b.environment(e -> e.variables(Map.of("1NOT_A_NAME", SECRET))),
                "ValidationException", "Map keys must satisfy constraint");
        refused("reserved", b -> b.environment(e -> e.variables(Map.of("AWS_ACCESS_KEY_ID", SECRET))),
                "InvalidParameterValueException", "Reserved keys used in this request: AWS_ACCESS_KEY_ID");
        refused("too-big", b -> b.environment(e -> e.variables(Map.of("BIG", SECRET + "x".repeat(5000)))),
                "InvalidParameterValueException", "exceeded the 4KB limit");
        Deploy.active(lambda, "updated");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("updated")
                .environment(e -> e.variables(Map.of("AWS_REGION", SECRET)))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).doesNotContain(SECRET));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithoutQuotingTheWordThatBrokeIt() throws Exception {
        RawHttp http = new RawHttp(server.endpoint());
        HttpResponse<String> r = http.signed("POST", "/2015-03-31/functions",
                "{\"FunctionName\":\"f\",\"Environment\":{\"Variables\":{\"DB_PASSWORD\":" + SECRET + "}}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(r).path("__type").asText() + r.headers().firstValue("x-amzn-ErrorType").orElse(""))
                .contains("SerializationException");
        assertThat(r.body()).contains("Could not parse request body into json").doesNotContain(SECRET);

        Deploy.active(lambda, "invoked");
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("invoked")
                .payload(SdkBytes.fromUtf8String("{\"password\": " + SECRET + "}"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
                    assertThat(e.awsErrorDetails().errorMessage()).doesNotContain(SECRET);
                });
    }

    private static void refused(String name, Consumer<CreateFunctionRequest.Builder> change, String code,
                                String message) {
        assertThat(FunctionValidationIT.refusesCreate(name, change, code, 400, message)).doesNotContain(SECRET);
    }
}
