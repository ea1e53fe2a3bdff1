package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.lamina.it.Denials.assertDenied;

/**
 * Users made with {@code lamina admin}, calling with the AWS SDK: what their identity policies
 * allow works, everything else answers AccessDeniedException in AWS's words.
 */
class IdentityPolicyIT extends ServerPerClass {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    static Admin admin;
    static LambdaClient invoker;
    static LambdaClient denied;

    @BeforeAll
    static void usersAndFunctions() {
        Deploy.active(lambda, "iam-open");
        Deploy.active(lambda, "iam-closed");
        admin = new Admin(server);
        String[] keys = admin.user("invoker", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:Invoke*",
                 "Resource":"%siam-open"}]}""".formatted(ARN));
        invoker = server.lambda(keys[0], keys[1]);
        String[] denyKeys = admin.user("denied", """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"lambda:*","Resource":"*"},
                  {"Effect":"Allow","Action":"iam:PassRole","Resource":"%s"},
                  {"Sid":"NoClosed","Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"%siam-closed"}]}"""
                .formatted(TestServer.ROLE, ARN));
        denied = server.lambda(denyKeys[0], denyKeys[1]);
    }

    @AfterAll
    static void closeClients() {
        invoker.close();
        denied.close();
    }

    @Test
    void aUserMayInvokeTheFunctionItsPolicyNames() {
        var r = invoker.invoke(b -> b.functionName("iam-open").payload(SdkBytes.fromUtf8String("{\"k\":1}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
    }

    @Test
    void anotherFunctionIsDeniedBecauseNoIdentityPolicyAllowsIt() {
        assertThat(assertDenied(() -> invoker.invoke(b -> b.functionName("iam-closed"))))
                .isEqualTo("User: arn:aws:iam::000000000000:user/invoker is not authorized to perform:"
                        + " lambda:InvokeFunction on resource: " + ARN + "iam-closed"
                        + " because no identity-based policy allows the lambda:InvokeFunction action");
    }

    @Test
    void otherActionsOnTheAllowedFunctionAreDeniedToo() {
        assertThat(assertDenied(() -> invoker.getFunction(b -> b.functionName("iam-open").qualifier("$LATEST"))))
                .contains("lambda:GetFunction on resource: " + ARN + "iam-open:$LATEST because");
        assertThat(assertDenied(() -> invoker.listFunctions())).contains("lambda:ListFunctions on resource: * because");
    }

    @Test
    void creatingAFunctionIsDeniedAndCreatesNothing() {
        assertThat(assertDenied(() -> invoker.createFunction(b -> b.functionName("iam-new").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(TestServer.ROLE)
                .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("iam-new"))).build()))))
                .contains("lambda:CreateFunction on resource: " + ARN + "iam-new because");
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("iam-new")))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void aUserAllowedToCreateFunctionsCreatesOne() {
        var created = denied.createFunction(b -> b.functionName("iam-made-by-user").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(TestServer.ROLE)
                .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("iam-made-by-user"))).build()));
        assertThat(created.functionArn()).isEqualTo(ARN + "iam-made-by-user");
        assertThat(lambda.getFunction(b -> b.functionName("iam-made-by-user")).configuration().codeSha256())
                .isEqualTo(created.codeSha256());
    }

    @Test
    void aUserAllowedToCreateFunctionsButNotToPassTheRoleIsDeniedAndNothingChanges() {
        String[] keys = admin.user("creator", """
                {"Statement":[{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:UpdateFunctionConfiguration"],
                 "Resource":"*"}]}""");
        String adminRole = "arn:aws:iam::000000000000:role/admin";
        try (LambdaClient creator = server.lambda(keys[0], keys[1])) {
            assertThat(assertDenied(() -> creator.createFunction(b -> b.functionName("iam-passes-admin")
                    .runtime(Runtime.NODEJS20_X).handler("index.handler").role(adminRole)
                    .code(FunctionCode.builder().zipFile(Zips.sdk(Zips.nodeEcho("iam-passes-admin"))).build()))))
                    .isEqualTo("User: arn:aws:iam::000000000000:user/creator is not authorized to perform:"
                            + " iam:PassRole on resource: " + adminRole
                            + " because no identity-based policy allows the iam:PassRole action");
            assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("iam-passes-admin")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

            assertThat(assertDenied(() -> creator.updateFunctionConfiguration(b -> b.functionName("iam-open")
                    .role(adminRole)))).contains("iam:PassRole on resource: " + adminRole);
            assertThat(lambda.getFunction(b -> b.functionName("iam-open")).configuration().role())
                    .isEqualTo(TestServer.ROLE);
        }
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() {
        assertThat(denied.invoke(b -> b.functionName("iam-open")).statusCode()).isEqualTo(200);
        assertThat(denied.getFunction(b -> b.functionName("iam-closed")).configuration().functionName())
                .isEqualTo("iam-closed");
        assertThat(assertDenied(() -> denied.invoke(b -> b.functionName("iam-closed"))))
                .isEqualTo("User: arn:aws:iam::000000000000:user/denied is not authorized to perform:"
                        + " lambda:InvokeFunction on resource: " + ARN + "iam-closed"
                        + " with an explicit deny in an identity-based policy");
    }

    @Test
    void onlyTheRootMayAdministerIdentities(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String[] keys = admin.user("mallory", """
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        Admin asUser = new Admin(server, keys[0], keys[1]);
        Admin.Result r = asUser.run("create-user", "eve");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("AccessDeniedException: User: arn:aws:iam::000000000000:user/mallory is not"
                + " authorized to perform: iam:CreateUser");
        assertThat(admin.ok("list-users").json().findValuesAsText("UserName")).doesNotContain("eve");

        Path policy = dir.resolve("p.json");
        Files.writeString(policy, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"GetFunction\",\"Resource\":\"*\"}]}");
        Admin.Result bad = admin.run("put-user-policy", "mallory", "second", "--policy-file", policy.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor");
    }

    @Test
    void theAdminCommandManagesUsersKeysAndRolesEndToEnd() {
        String[] keys = admin.user("temp", """
                {"Statement":[{"Effect":"Allow","Action":"lambda:GetAccountSettings","Resource":"*"}]}""");
        try (LambdaClient temp = server.lambda(keys[0], keys[1])) {
            assertThat(temp.getAccountSettings().accountLimit().concurrentExecutions()).isPositive();
            var listed = admin.ok("list-users").json();
            assertThat(listed.findValuesAsText("UserName")).contains("temp");
            assertThat(listed.toString()).contains(keys[0]).doesNotContain(keys[1]);

            admin.ok("delete-user-policy", "temp", "inline");
            assertDenied(temp::getAccountSettings);

            admin.ok("delete-access-key", "temp", keys[0]);
            assertThatThrownBy(temp::getAccountSettings)
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
        admin.ok("delete-user", "temp");
        assertThat(admin.run("delete-user", "temp").err()).contains("NoSuchEntity: The user with name temp cannot be found.");
        assertThat(admin.run("create-user", "invoker").err()).contains("EntityAlreadyExists");

        var role = admin.ok("create-role", "worker", "--policy-document",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}}").json();
        assertThat(role.at("/Role/Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/worker");
        assertThat(admin.ok("list-roles").json().findValuesAsText("RoleName")).contains("worker");
        admin.ok("delete-role", "worker");
        assertThat(admin.ok("list-roles").json().findValuesAsText("RoleName")).doesNotContain("worker");
    }
}
