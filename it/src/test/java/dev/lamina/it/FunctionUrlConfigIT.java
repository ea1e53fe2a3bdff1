package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Lambda API's function URL operations through the SDK v2 and the aws CLI: the answers' shapes,
 * one URL per function and alias, Lambda's validation and errors, paging, and a URL that goes with
 * its alias or function.
 */
class FunctionUrlConfigIT extends ServerPerClass {
    @TempDir
    static Path home;

    @BeforeAll
    static void deploy() {
        for (String name : List.of("url-crud", "url-alias", "url-list", "url-cli", "url-gone", "url-valid")) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.publish(true));
        }
        lambda.createAlias(b -> b.functionName("url-alias").name("live").functionVersion("1"));
        lambda.createAlias(b -> b.functionName("url-list").name("blue").functionVersion("1"));
        lambda.createAlias(b -> b.functionName("url-list").name("green").functionVersion("1"));
        lambda.createAlias(b -> b.functionName("url-gone").name("live").functionVersion("1"));
    }

    private static String urlPattern() {
        return "http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:" + server.endpoint().getPort() + "/";
    }

    @Test
    void createGetUpdateAndDeleteAUrl() {
        CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(b -> b.functionName("url-crud")
                .authType(FunctionUrlAuthType.NONE)
                .cors(c -> c.allowOrigins("https://example.com").allowMethods("GET", "POST").maxAge(300)));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.functionUrl()).matches(urlPattern());
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:url-crud");
        assertThat(created.authTypeAsString()).isEqualTo("NONE");
        assertThat(created.cors().allowOrigins()).containsExactly("https://example.com");
        assertThat(created.cors().maxAge()).isEqualTo(300);
        assertThat(created.invokeModeAsString()).as("left out of Create's answer when not given").isNull();
        assertThat(Instant.parse(created.creationTime())).isBeforeOrEqualTo(Instant.now());

        GetFunctionUrlConfigResponse got = lambda.getFunctionUrlConfig(b -> b.functionName("url-crud"));
        assertThat(got.functionUrl()).isEqualTo(created.functionUrl());
        assertThat(got.invokeMode()).isEqualTo(InvokeMode.BUFFERED);
        assertThat(got.lastModifiedTime()).isNotNull();
        assertThat(got.cors().allowMethods()).containsExactly("GET", "POST");

        UpdateFunctionUrlConfigResponse updated = lambda.updateFunctionUrlConfig(b -> b.functionName("url-crud")
                .authType(FunctionUrlAuthType.AWS_IAM).invokeMode(InvokeMode.RESPONSE_STREAM));
        assertThat(updated.functionUrl()).as("the URL never changes").isEqualTo(created.functionUrl());
        assertThat(updated.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(updated.invokeMode()).isEqualTo(InvokeMode.RESPONSE_STREAM);
        assertThat(updated.cors().allowOrigins()).as("members not given are kept").containsExactly("https://example.com");

        lambda.updateFunctionUrlConfig(b -> b.functionName("url-crud").cors(Cors.builder().allowOrigins("*").build()));
        got = lambda.getFunctionUrlConfig(b -> b.functionName("url-crud"));
        assertThat(got.cors().allowOrigins()).containsExactly("*");
        assertThat(got.cors().allowMethods()).as("a Cors given replaces the whole Cors").isEmpty();
        assertThat(got.invokeMode()).isEqualTo(InvokeMode.RESPONSE_STREAM);

        assertThat(lambda.deleteFunctionUrlConfig(b -> b.functionName("url-crud")).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        ResourceNotFoundException gone = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getFunctionUrlConfig(b -> b.functionName("url-crud")));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The resource you requested does not exist.");
        assertThatThrownBy(() -> lambda.deleteFunctionUrlConfig(b -> b.functionName("url-crud")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSecondUrlForTheSameQualifierIsAConflictAndAnAliasHasItsOwn() {
        CreateFunctionUrlConfigResponse own = lambda.createFunctionUrlConfig(b -> b.functionName("url-alias")
                .authType(FunctionUrlAuthType.NONE));

        ResourceConflictException conflict = catchThrowableOfType(ResourceConflictException.class,
                () -> lambda.createFunctionUrlConfig(b -> b.functionName("url-alias").authType(FunctionUrlAuthType.AWS_IAM)));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.awsErrorDetails().errorMessage()).isEqualTo("Failed to create function url config for "
                + "[functionArn = arn:aws:lambda:us-east-1:000000000000:function:url-alias]. Error message:  "
                + "FunctionUrlConfig exists for this Lambda function");

        CreateFunctionUrlConfigResponse live = lambda.createFunctionUrlConfig(b -> b.functionName("url-alias")
                .qualifier("live").authType(FunctionUrlAuthType.AWS_IAM).invokeMode(InvokeMode.BUFFERED));
        assertThat(live.functionArn()).endsWith(":function:url-alias:live");
        assertThat(live.functionUrl()).isNotEqualTo(own.functionUrl());
        assertThat(live.invokeMode()).isEqualTo(InvokeMode.BUFFERED);
        assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("url-alias:live")).functionUrl())
                .as("the alias in the name").isEqualTo(live.functionUrl());
    }

    @Test
    void qualifiersMustBeAliasesThatExist() {
        for (String bad : List.of("1", "$LATEST")) {
            LambdaException e = catchThrowableOfType(LambdaException.class, () -> lambda.createFunctionUrlConfig(
                    b -> b.functionName("url-crud").qualifier(bad).authType(FunctionUrlAuthType.NONE)));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '" + bad
                    + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "((?!^\\d+$)^[0-9a-zA-Z-_]+$)");
        }
        ResourceNotFoundException noAlias = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.createFunctionUrlConfig(b -> b.functionName("url-crud").qualifier("nope")
                        .authType(FunctionUrlAuthType.NONE)));
        assertThat(noAlias.awsErrorDetails().errorMessage()).isEqualTo("Function does not exist");
        ResourceNotFoundException noFunction = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.createFunctionUrlConfig(b -> b.functionName("no-such-fn").authType(FunctionUrlAuthType.NONE)));
        assertThat(noFunction.awsErrorDetails().errorMessage()).isEqualTo("Function does not exist");
        LambdaException mismatch = catchThrowableOfType(LambdaException.class, () -> lambda.getFunctionUrlConfig(
                b -> b.functionName("url-alias:live").qualifier("other")));
        assertThat(mismatch.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
        assertThat(mismatch.awsErrorDetails().errorMessage())
                .isEqualTo("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void authTypeInvokeModeAndCorsAreCheckedAgainstTheModel() throws Exception {
        RawHttp http = new RawHttp(server.endpoint());
        var missing = http.signed("POST", "/2021-10-31/functions/url-valid/url", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(missing).path("message").asText())
                .isEqualTo("1 validation error detected: Value null at 'authType' failed to satisfy constraint: "
                        + "Member must not be null");
        var bad = http.signed("POST", "/2021-10-31/functions/url-valid/url",
                "{\"AuthType\":\"OPEN\",\"InvokeMode\":\"UNKNOWN\",\"Cors\":{\"MaxAge\":86401,\"AllowMethods\":[\"OPTIONSX\"]}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(bad).path("message").asText()).startsWith("4 validation errors detected: ")
                .contains("Value 'OPEN' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_IAM, NONE]")
                .contains("Value 'UNKNOWN' at 'invokeMode' failed to satisfy constraint: Member must satisfy enum value set: [RESPONSE_STREAM, BUFFERED]")
                .contains("Value '86401' at 'cors.maxAge' failed to satisfy constraint: Member must have value less than or equal to 86400")
                .contains("at 'cors.allowMethods' failed to satisfy constraint");
        assertThatThrownBy(() -> lambda.getFunctionUrlConfig(b -> b.functionName("url-valid")))
                .as("nothing was created").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listingPagesThroughAFunctionsUrls() {
        ListFunctionUrlConfigsResponse empty = lambda.listFunctionUrlConfigs(b -> b.functionName("url-list"));
        assertThat(empty.functionUrlConfigs()).isEmpty();
        for (String q : List.of("", "blue", "green")) {
            lambda.createFunctionUrlConfig(b -> {
                b.functionName("url-list").authType(FunctionUrlAuthType.NONE);
                if (!q.isEmpty()) {
                    b.qualifier(q);
                }
            });
        }
        ListFunctionUrlConfigsResponse first = lambda.listFunctionUrlConfigs(b -> b.functionName("url-list").maxItems(2));
        assertThat(first.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn).containsExactly(
                "arn:aws:lambda:us-east-1:000000000000:function:url-list",
                "arn:aws:lambda:us-east-1:000000000000:function:url-list:blue");
        assertThat(first.functionUrlConfigs().get(0).invokeMode()).isEqualTo(InvokeMode.BUFFERED);
        assertThat(first.nextMarker()).isNotNull();
        ListFunctionUrlConfigsResponse second = lambda.listFunctionUrlConfigs(b -> b.functionName("url-list")
                .marker(first.nextMarker()));
        assertThat(second.functionUrlConfigs()).extracting(FunctionUrlConfig::functionArn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:url-list:green");
        assertThat(second.nextMarker()).isNull();
        assertThat(lambda.listFunctionUrlConfigsPaginator(b -> b.functionName("url-list").maxItems(1))
                .functionUrlConfigs().stream().count()).isEqualTo(3);

        ResourceNotFoundException none = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.listFunctionUrlConfigs(b -> b.functionName("no-such-fn")));
        assertThat(none.awsErrorDetails().errorMessage()).isEqualTo("Function does not exist");
        LambdaException tooMany = catchThrowableOfType(LambdaException.class,
                () -> lambda.listFunctionUrlConfigs(b -> b.functionName("url-list").maxItems(51)));
        assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void aUrlGoesWithItsAliasAndItsFunction() {
        lambda.createFunctionUrlConfig(b -> b.functionName("url-gone").qualifier("live").authType(FunctionUrlAuthType.NONE));
        lambda.createFunctionUrlConfig(b -> b.functionName("url-gone").authType(FunctionUrlAuthType.NONE));

        lambda.deleteAlias(b -> b.functionName("url-gone").name("live"));
        lambda.createAlias(b -> b.functionName("url-gone").name("live").functionVersion("1"));
        assertThatThrownBy(() -> lambda.getFunctionUrlConfig(b -> b.functionName("url-gone").qualifier("live")))
                .as("a new alias of the same name has no URL").isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("url-gone")).functionUrl()).isNotNull();

        lambda.deleteFunction(b -> b.functionName("url-gone"));
        Functions.create(lambda, "url-gone", "nodejs20.x", "index.handler", Packages.nodejs(), b -> { });
        assertThatThrownBy(() -> lambda.getFunctionUrlConfig(b -> b.functionName("url-gone")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theCliCreatesAndReadsAUrl() {
        AwsCli aws = new AwsCli(server.endpoint(), home);
        JsonNode created = aws.lambda("create-function-url-config", "--function-name", "url-cli", "--auth-type", "NONE",
                "--cors", "AllowOrigins=https://a.example,AllowCredentials=true").succeeded().json();
        assertThat(created.path("FunctionUrl").asText()).matches(urlPattern());
        assertThat(created.path("Cors").path("AllowCredentials").asBoolean()).isTrue();
        assertThat(created.has("LastModifiedTime")).isFalse();

        JsonNode got = aws.lambda("get-function-url-config", "--function-name", "url-cli").succeeded().json();
        assertThat(got.path("FunctionUrl").asText()).isEqualTo(created.path("FunctionUrl").asText());
        assertThat(got.path("LastModifiedTime").asText()).isNotEmpty();

        AwsCli.Result again = aws.lambda("create-function-url-config", "--function-name", "url-cli", "--auth-type", "NONE");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("ResourceConflictException");

        JsonNode listed = aws.lambda("list-function-url-configs", "--function-name", "url-cli").succeeded().json();
        assertThat(listed.path("FunctionUrlConfigs")).hasSize(1);
        aws.lambda("delete-function-url-config", "--function-name", "url-cli").succeeded();
    }
}
