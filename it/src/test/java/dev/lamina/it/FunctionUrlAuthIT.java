package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call a function URL. AuthType NONE: the resource policy must allow principal {@code *}
 * both {@code lambda:InvokeFunctionUrl} (FunctionUrlAuthType NONE) and {@code lambda:InvokeFunction}
 * (InvokedViaFunctionUrl), as Lambda requires since October 2025. AuthType AWS_IAM: requests signed
 * with SigV4 for {@code lambda} (the real {@code curl --aws-sigv4}); unsigned or wrongly signed
 * requests are refused with 403; the event names the signer in requestContext.authorizer.iam.
 */
class FunctionUrlAuthIT extends ServerPerClass {
    static final String FORBIDDEN = "{\"Message\":\"Forbidden. For troubleshooting Function URL authorization issues,"
            + " see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}";

    static String iamUrl;

    @BeforeAll
    static void deploy() {
        for (String name : new String[]{"auth-none", "auth-iam", "auth-alias"}) {
            Functions.create(lambda, name, "nodejs20.x", "index.handler",
                    Packages.zip(Map.of("index.js", Packages.resource("fixtures/url-node/index.js", 0644))),
                    b -> b.publish(true));
        }
        iamUrl = lambda.createFunctionUrlConfig(b -> b.functionName("auth-iam").authType(FunctionUrlAuthType.AWS_IAM))
                .functionUrl();
    }

    private static String sigv4(String key, String secret) {
        return key + ":" + secret;
    }

    @Test
    void authTypeNoneNeedsBothStatementsForEveryone() throws Exception {
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("auth-none").authType(FunctionUrlAuthType.NONE))
                .functionUrl();

        UrlCurl.Response none = UrlCurl.run(url);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.text()).isEqualTo(FORBIDDEN);
        assertThat(none.header("x-amzn-ErrorType")).contains("AccessDeniedException");

        lambda.addPermission(b -> b.functionName("auth-none").statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        assertThat(UrlCurl.run(url).status()).as("InvokeFunctionUrl alone").isEqualTo(403);

        lambda.addPermission(b -> b.functionName("auth-none").statementId("invoke").action("lambda:InvokeFunction")
                .principal("*").invokedViaFunctionUrl(true));
        JsonNode policy = Functions.JSON.readTree(lambda.getPolicy(b -> b.functionName("auth-none")).policy());
        assertThat(policy.path("Statement").get(1).path("Condition").toString())
                .isEqualTo("{\"Bool\":{\"lambda:InvokedViaFunctionUrl\":\"true\"}}");
        UrlCurl.Response allowed = UrlCurl.run(url);
        assertThat(allowed.status()).isEqualTo(200);
        JsonNode event = Functions.JSON.readTree(allowed.text());
        assertThat(event.path("requestContext").has("authorizer")).isFalse();

        lambda.removePermission(b -> b.functionName("auth-none").statementId("url"));
        assertThat(UrlCurl.run(url).status()).as("a removed permission applies to the next request").isEqualTo(403);
    }

    @Test
    void aStatementForAnotherAuthTypeOrPrincipalDoesNotOpenTheUrl() {
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("auth-alias").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        lambda.addPermission(b -> b.functionName("auth-alias").statementId("iam-only").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.AWS_IAM));
        lambda.addPermission(b -> b.functionName("auth-alias").statementId("account").action("lambda:InvokeFunction")
                .principal("000000000000"));
        assertThat(UrlCurl.run(url).status()).isEqualTo(403);
    }

    @Test
    void anAliasUrlNeedsThePermissionsOnTheAlias() {
        lambda.createAlias(b -> b.functionName("auth-none").name("live").functionVersion("1"));
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("auth-none").qualifier("live")
                .authType(FunctionUrlAuthType.NONE)).functionUrl();
        lambda.addPermission(b -> b.functionName("auth-none").qualifier("live").statementId("url")
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        lambda.addPermission(b -> b.functionName("auth-none").qualifier("live").statementId("invoke")
                .action("lambda:InvokeFunction").principal("*").invokedViaFunctionUrl(true));

        UrlCurl.Response r = UrlCurl.run(url);
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void awsIamUrlsTakeSigV4SignedRequestsOnly() throws Exception {
        String url = iamUrl;
        String port = Integer.toString(server.endpoint().getPort());

        UrlCurl.Response unsigned = UrlCurl.run(url);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.text()).isEqualTo(FORBIDDEN);

        UrlCurl.Response signed = UrlCurl.run("--aws-sigv4", "aws:amz:us-east-1:lambda",
                "--user", sigv4(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey()),
                "-H", "Content-Type: application/json", "--data-binary", "{\"signed\":true}", url + "signed?x=1");
        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        JsonNode event = Functions.JSON.readTree(signed.text());
        JsonNode iam = event.path("requestContext").path("authorizer").path("iam");
        assertThat(iam.path("accessKey").asText()).isEqualTo(TestServer.KEYS.accessKeyId());
        assertThat(iam.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(iam.path("userArn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(iam.path("callerId").asText()).isNotEmpty();
        assertThat(event.path("requestContext").path("accountId").asText()).isEqualTo("000000000000");
        assertThat(event.path("body").asText()).isEqualTo("{\"signed\":true}");

        UrlCurl.Response pathStyle = UrlCurl.run("--aws-sigv4", "aws:amz:us-east-1:lambda",
                "--user", sigv4(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey()),
                "http://127.0.0.1:" + port + "/_aws/lambda-url/" + FunctionUrlIT.idOf(url) + "/p");
        assertThat(pathStyle.status()).as("signed for the path-style address").isEqualTo(200);

        UrlCurl.Response wrong = UrlCurl.run("--aws-sigv4", "aws:amz:us-east-1:lambda",
                "--user", sigv4(TestServer.KEYS.accessKeyId(), "not-the-secret"), url);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.text()).contains("signature");

        UrlCurl.Response otherService = UrlCurl.run("--aws-sigv4", "aws:amz:us-east-1:s3",
                "--user", sigv4(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey()), url);
        assertThat(otherService.status()).as("signed for another service").isEqualTo(403);
    }

    @Test
    void anIamUserNeedsAPolicyThatAllowsTheUrlAndTheInvoke() throws Exception {
        Admin admin = new Admin(server);
        String[] nobody = admin.user("url-nobody", null);
        String[] urlOnly = admin.user("url-only", policy("\"lambda:InvokeFunctionUrl\""));
        String[] both = admin.user("url-both", policy("\"lambda:InvokeFunctionUrl\", \"lambda:InvokeFunction\""));

        assertThat(signedBy(nobody).status()).isEqualTo(403);
        assertThat(signedBy(nobody).text()).isEqualTo(FORBIDDEN);
        assertThat(signedBy(urlOnly).status()).as("InvokeFunctionUrl alone").isEqualTo(403);
        UrlCurl.Response allowed = signedBy(both);
        assertThat(allowed.status()).isEqualTo(200);
        JsonNode iam = Functions.JSON.readTree(allowed.text()).path("requestContext").path("authorizer").path("iam");
        assertThat(iam.path("accessKey").asText()).isEqualTo(both[0]);
        assertThat(iam.path("userArn").asText()).isEqualTo("arn:aws:iam::000000000000:user/url-both");
    }

    private static String policy(String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions
                + "],\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:auth-iam\"}]}";
    }

    private static UrlCurl.Response signedBy(String[] keys) {
        return UrlCurl.run("--aws-sigv4", "aws:amz:us-east-1:lambda", "--user", sigv4(keys[0], keys[1]), iamUrl);
    }
}
