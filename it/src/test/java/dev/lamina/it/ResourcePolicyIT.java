package dev.lamina.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import static dev.lamina.it.Denials.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AddPermission, GetPolicy and RemovePermission with the AWS SDK, and their effect on other callers. */
class ResourcePolicyIT extends ServerPerClass {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    static final ObjectMapper JSON = new ObjectMapper();
    static Admin admin;
    static String userArn = "arn:aws:iam::000000000000:user/guest";
    static LambdaClient guest;

    @BeforeAll
    static void functionsAndAGuest() {
        Deploy.active(lambda, "rp-target");
        Deploy.active(lambda, "rp-shape");
        admin = new Admin(server);
        String[] keys = admin.user("guest", null);
        guest = server.lambda(keys[0], keys[1]);
    }

    @AfterAll
    static void closeGuest() {
        guest.close();
    }

    @Test
    void aResourcePolicyLetsAUserWithoutIdentityPoliciesInvokeUntilItIsRemoved() {
        assertDenied(() -> guest.invoke(b -> b.functionName("rp-target")));
        lambda.addPermission(b -> b.functionName("rp-target").statementId("guest-invoke")
                .action("lambda:InvokeFunction").principal(userArn));

        assertThat(guest.invoke(b -> b.functionName("rp-target")).statusCode()).isEqualTo(200);
        assertThat(assertDenied(() -> guest.getFunction(b -> b.functionName("rp-target"))))
                .as("the statement allows invoking, nothing else").contains("lambda:GetFunction");

        lambda.removePermission(b -> b.functionName("rp-target").statementId("guest-invoke"));
        assertDenied(() -> guest.invoke(b -> b.functionName("rp-target")));
        assertThatThrownBy(() -> lambda.getPolicy(b -> b.functionName("rp-target")))
                .as("removing the last statement removes the policy").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void getPolicyReturnsTheStatementsAsAwsWritesThem() throws Exception {
        var s3 = lambda.addPermission(b -> b.functionName("rp-shape").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::my-bucket").sourceAccount("111122223333"));
        String s3Statement = "{\"Sid\":\"s3\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + ARN + "rp-shape\","
                + "\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"111122223333\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::my-bucket\"}}}";
        assertThat(s3.statement()).isEqualTo(s3Statement);
        lambda.addPermission(b -> b.functionName("rp-shape").statementId("account").action("lambda:GetFunction")
                .principal("444455556666"));
        lambda.addPermission(b -> b.functionName("rp-shape").statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));

        var policy = lambda.getPolicy(b -> b.functionName("rp-shape"));
        assertThat(JSON.readTree(policy.policy())).isEqualTo(JSON.readTree("{\"Version\":\"2012-10-17\",\"Id\":\"default\","
                + "\"Statement\":[" + s3Statement + ","
                + "{\"Sid\":\"account\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                + "\"Action\":\"lambda:GetFunction\",\"Resource\":\"" + ARN + "rp-shape\"},"
                + "{\"Sid\":\"url\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunctionUrl\","
                + "\"Resource\":\"" + ARN + "rp-shape\","
                + "\"Condition\":{\"StringEquals\":{\"lambda:FunctionUrlAuthType\":\"NONE\"}}}]}"));
        assertThat(policy.revisionId()).isNotBlank();
    }

    @Test
    void revisionIdsAndStatementIdsGuardConcurrentChanges() {
        lambda.addPermission(b -> b.functionName("rp-target").statementId("first").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com"));
        String revision = lambda.getPolicy(b -> b.functionName("rp-target")).revisionId();

        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-target").statementId("first")
                .action("lambda:InvokeFunction").principal("sqs.amazonaws.com")))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.getMessage())
                        .contains("The statement id (first) provided already exists."));
        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-target").statementId("second")
                .action("lambda:InvokeFunction").principal("sqs.amazonaws.com").revisionId("not-the-revision")))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.statusCode()).isEqualTo(412));

        lambda.addPermission(b -> b.functionName("rp-target").statementId("second").action("lambda:InvokeFunction")
                .principal("sqs.amazonaws.com").revisionId(revision));
        assertThatThrownBy(() -> lambda.removePermission(b -> b.functionName("rp-target").statementId("first")
                .revisionId(revision)))
                .as("the add changed the revision").isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> lambda.removePermission(b -> b.functionName("rp-target").statementId("third")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage())
                        .contains("Statement third is not found in resource policy."));
        lambda.removePermission(b -> b.functionName("rp-target").statementId("first"));
        lambda.removePermission(b -> b.functionName("rp-target").statementId("second"));
    }

    @Test
    void policiesBelongToOneQualifierAndGoWithTheirFunction() {
        Deploy.active(lambda, "rp-gone");
        lambda.publishVersion(b -> b.functionName("rp-gone"));
        lambda.createAlias(b -> b.functionName("rp-gone").name("live").functionVersion("1"));
        var added = lambda.addPermission(b -> b.functionName("rp-gone").qualifier("live").statementId("a")
                .action("lambda:InvokeFunction").principal(userArn));
        assertThat(added.statement()).contains("\"Resource\":\"" + ARN + "rp-gone:live\"");
        assertThatThrownBy(() -> lambda.getPolicy(b -> b.functionName("rp-gone")))
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(guest.invoke(b -> b.functionName("rp-gone:live")).statusCode()).isEqualTo(200);
        assertDenied(() -> guest.invoke(b -> b.functionName("rp-gone")));
        assertDenied(() -> guest.invoke(b -> b.functionName("rp-gone").qualifier("1")));

        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-gone").qualifier("nope").statementId("a")
                .action("lambda:InvokeFunction").principal("*")))
                .isInstanceOf(ResourceNotFoundException.class);

        lambda.deleteFunction(b -> b.functionName("rp-gone"));
        Deploy.active(lambda, "rp-gone");
        lambda.publishVersion(b -> b.functionName("rp-gone"));
        lambda.createAlias(b -> b.functionName("rp-gone").name("live").functionVersion("1"));
        assertThatThrownBy(() -> lambda.getPolicy(b -> b.functionName("rp-gone").qualifier("live")))
                .as("deleting the function deleted its policies").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void requestsOutsideTheModelAreRefusedBeforeAnythingChanges() {
        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-shape").statementId("bad sid")
                .action("lambda:InvokeFunction").principal("*")))
                .hasMessageContaining("statementId");
        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-shape").statementId("bad-action")
                .action("s3:GetObject").principal("*")))
                .hasMessageContaining("action");
        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-shape").statementId("bad-principal")
                .action("lambda:InvokeFunction").principal("nobody")))
                .hasMessageContaining("The provided principal was invalid");
        assertThatThrownBy(() -> lambda.addPermission(b -> b.functionName("rp-missing").statementId("x")
                .action("lambda:InvokeFunction").principal("*")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aPolicyIsLimitedTo20Kilobytes() {
        Deploy.active(lambda, "rp-big");
        String longArn = "arn:aws:s3:::" + "b".repeat(900);
        int i = 0;
        software.amazon.awssdk.services.lambda.model.LambdaException thrown = null;
        while (thrown == null && i < 40) {
            int n = i++;
            try {
                lambda.addPermission(b -> b.functionName("rp-big").statementId("s" + n).action("lambda:InvokeFunction")
                        .principal("s3.amazonaws.com").sourceArn(longArn));
            } catch (software.amazon.awssdk.services.lambda.model.LambdaException e) {
                thrown = e;
            }
        }
        assertThat(thrown).isNotNull();
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("PolicyLengthExceededException");
        assertThat(thrown.getMessage()).contains("is bigger than the limit (20480)");
        int kept = i - 1;
        assertThat(lambda.getPolicy(b -> b.functionName("rp-big")).policy().length()).isLessThanOrEqualTo(20480);
        assertThat(lambda.getPolicy(b -> b.functionName("rp-big")).policy()).contains("\"s" + (kept - 1) + "\"")
                .doesNotContain("\"s" + kept + "\"");
    }

    @Test
    void theAwsCliAddsReadsAndRemovesPermissions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws Exception {
        Deploy.active(lambda, "rp-cli");
        AwsCli aws = new AwsCli(server.endpoint(), home);
        var added = aws.lambda("add-permission", "--function-name", "rp-cli", "--statement-id", "events",
                "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com",
                "--source-arn", "arn:aws:events:us-east-1:000000000000:rule/nightly").succeeded().json();
        assertThat(JSON.readTree(added.get("Statement").asText()).at("/Principal/Service").asText())
                .isEqualTo("events.amazonaws.com");
        var policy = aws.lambda("get-policy", "--function-name", "rp-cli").succeeded().json();
        assertThat(JSON.readTree(policy.get("Policy").asText()).at("/Statement/0/Condition/ArnLike/AWS:SourceArn").asText())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/nightly");
        aws.lambda("remove-permission", "--function-name", "rp-cli", "--statement-id", "events",
                "--revision-id", policy.get("RevisionId").asText()).succeeded();
        var gone = aws.lambda("get-policy", "--function-name", "rp-cli");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("ResourceNotFoundException");
    }
}
