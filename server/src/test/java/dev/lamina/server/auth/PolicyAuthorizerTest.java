package dev.lamina.server.auth;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.ControlSettings;
import dev.lamina.control.iam.Identities;
import dev.lamina.model.AccountId;
import dev.lamina.model.Architecture;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.model.RequestId;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.RequestBody;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.ZipLimits;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The authorizer over a real store: who is asked what, and when changes apply. */
class PolicyAuthorizerTest {
    static final AccountId ACCOUNT = new AccountId("000000000000");
    static final Region REGION = new Region("us-east-1");
    static final String ALLOW_INVOKE = """
            {"Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]}""";

    @TempDir
    Path dir;
    SqliteStore store;
    Identities identities;
    RoleSessions sessions;
    PolicyAuthorizer authorizer;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new dev.lamina.store.secrets.AesGcmSealer(new byte[32], "environment-variables"));
        identities = new Identities(store, new AesGcmSealer(new byte[32], "access-keys"), ACCOUNT, Clock.systemUTC());
        ControlPlane control = new ControlPlane(ControlSettings.awsDefaults(REGION, ACCOUNT, Architecture.X86_64), store,
                new CodeStore(dir.resolve("code"), ZipLimits.AWS_DEFAULTS, 50L << 20), Runnable::run, Clock.systemUTC());
        sessions = new RoleSessions(ACCOUNT, Duration.ofHours(1), Clock.systemUTC());
        authorizer = new PolicyAuthorizer(identities, control.permissions(), sessions, REGION, ACCOUNT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static ApiRequest invoke(String function) {
        return new ApiRequest(RequestId.random(), "POST", "/", Map.of("FunctionName", function), Map.of(), "",
                name -> Optional.empty(), RequestBody.of(new byte[0]), "localhost");
    }

    static Caller user(String name) {
        return new Caller("AKIA" + name, "arn:aws:iam::000000000000:user/" + name, Caller.Kind.USER);
    }

    static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    @Test
    void theRootMayDoEverythingIncludingAdministration() {
        Caller root = new Caller("LKIAROOT", "arn:aws:iam::000000000000:root", Caller.Kind.ROOT);
        ApiRequest r = invoke("f");
        assertThat(authorizer.authorize(root, "Invoke", r)).isSameAs(r);
        assertThat(authorizer.authorize(root, "iam:CreateUser", r)).isSameAs(r);
    }

    @Test
    void aPolicyChangeAppliesFromTheNextRequestOn() {
        identities.createUser("alice");
        assertDenied(() -> authorizer.authorize(user("alice"), "Invoke", invoke("f")));
        identities.putUserPolicy("alice", "p", ALLOW_INVOKE);
        authorizer.authorize(user("alice"), "Invoke", invoke("f"));
        identities.putUserPolicy("alice", "deny", """
                {"Statement":[{"Effect":"Deny","Action":"lambda:*","Resource":"arn:aws:lambda:*:*:function:f"}]}""");
        assertDenied(() -> authorizer.authorize(user("alice"), "Invoke", invoke("f")));
        authorizer.authorize(user("alice"), "Invoke", invoke("g"));
    }

    @Test
    void administrationIsTheRootsAloneWhateverAUserIsAllowed() {
        identities.createUser("admin");
        identities.putUserPolicy("admin", "all", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        authorizer.authorize(user("admin"), "DeleteFunction", invoke("f"));
        assertDenied(() -> authorizer.authorize(user("admin"), "iam:CreateUser", invoke("f")));
    }

    /** A session as the pool opens one for an environment of {@code function} with {@code roleArn}. */
    Caller session(String roleArn, String function) {
        String key = sessions.issue(new FunctionName(function), roleArn).accessKeyId();
        return sessions.find(key).orElseThrow().caller();
    }

    @Test
    void aRoleSessionsPrincipalIdIsItsRolesIdAndSessionNameAsAwsGivesIt() {
        String roleId = identities.createRole("sender", ALLOW_INVOKE).roleId();
        RoleSessions known = new RoleSessions(ACCOUNT, Duration.ofHours(1), Clock.systemUTC(), identities::roleId);
        String key = known.issue(new FunctionName("f"), "arn:aws:iam::000000000000:role/sender").accessKeyId();
        assertThat(known.find(key).orElseThrow().caller().principalId()).isEqualTo(roleId + ":f").startsWith("AROA");
        String unknown = known.issue(new FunctionName("g"), "arn:aws:iam::000000000000:role/elsewhere").accessKeyId();
        assertThat(known.find(unknown).orElseThrow().caller().principalId()).isEqualTo(unknown + ":g");
    }

    @Test
    void aRoleSessionGetsItsRolesPolicy() {
        identities.createRole("worker", ALLOW_INVOKE);
        Caller session = session("arn:aws:iam::000000000000:role/worker", "f");
        authorizer.authorize(session, "Invoke", invoke("f"));
        assertDenied(() -> authorizer.authorize(session, "GetFunction", invoke("f")));
        Caller stranger = session("arn:aws:iam::000000000000:role/none", "f");
        assertDenied(() -> authorizer.authorize(stranger, "Invoke", invoke("f")));
        assertThat(identities.rolePolicy("arn:aws:iam::000000000000:role/worker")).isPresent();
        assertThat(identities.rolePolicy("arn:aws:iam::111111111111:role/worker")).isEmpty();
    }

    @Test
    void aSessionOfAnotherAccountsOrAnotherPathsRoleOfTheSameNameGetsNothing() {
        identities.createRole("admin", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        Caller other = session("arn:aws:iam::999999999999:role/admin", "f");
        Caller pathed = session("arn:aws:iam::000000000000:role/x/admin", "f");
        // Both sessions carry the ARN assumed-role/admin/f, which names the local admin role's sessions too.
        assertThat(other.principalArn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/admin/f");
        assertDenied(() -> authorizer.authorize(other, "Invoke", invoke("f")));
        assertDenied(() -> authorizer.authorize(pathed, "Invoke", invoke("f")));
        authorizer.authorize(session("arn:aws:iam::000000000000:role/admin", "f"), "Invoke", invoke("f"));
    }

    @Test
    void aSessionWhoseKeyIsNoLongerIssuedGetsNothing() {
        identities.createRole("worker", ALLOW_INVOKE);
        Caller forged = new Caller("ASIANOTISSUED", "arn:aws:sts::000000000000:assumed-role/worker/f",
                Caller.Kind.ROLE_SESSION);
        assertDenied(() -> authorizer.authorize(forged, "Invoke", invoke("f")));
    }

    static ApiRequest withBody(String method, Map<String, String> pathParams, String body) {
        return new ApiRequest(RequestId.random(), method, "/", pathParams, Map.of(), "",
                name -> Optional.empty(), RequestBody.of(body.getBytes(StandardCharsets.UTF_8)), "localhost");
    }

    @Test
    void namingARoleNeedsPassRoleOnItInAnIdentityPolicy() throws Exception {
        identities.createUser("dev");
        identities.putUserPolicy("dev", "lambda", """
                {"Statement":[{"Effect":"Allow","Action":["lambda:CreateFunction",
                  "lambda:UpdateFunctionConfiguration"],"Resource":"*"}]}""");
        String create = """
                {"FunctionName":"f","Role":"arn:aws:iam::000000000000:role/admin","Runtime":"python3.12"}""";
        assertThatThrownBy(() -> authorizer.authorize(user("dev"), "CreateFunction", withBody("POST", Map.of(), create)))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "User: arn:aws:iam::000000000000:user/dev is not authorized to perform: iam:PassRole on resource: "
                                + "arn:aws:iam::000000000000:role/admin because no identity-based policy allows the "
                                + "iam:PassRole action"));
        assertDenied(() -> authorizer.authorize(user("dev"), "UpdateFunctionConfiguration",
                withBody("PUT", Map.of("FunctionName", "f"), "{\"Role\":\"arn:aws:iam::000000000000:role/admin\"}")));
        // Without a Role member nothing is passed.
        authorizer.authorize(user("dev"), "UpdateFunctionConfiguration",
                withBody("PUT", Map.of("FunctionName", "f"), "{\"Timeout\":5}"));

        identities.putUserPolicy("dev", "pass", """
                {"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::000000000000:role/app-*"}]}""");
        assertDenied(() -> authorizer.authorize(user("dev"), "CreateFunction", withBody("POST", Map.of(), create)));
        ApiRequest allowed = authorizer.authorize(user("dev"), "CreateFunction", withBody("POST", Map.of(),
                create.replace("role/admin", "role/app-worker")));
        assertThat(new String(allowed.body().readAllBytes(), StandardCharsets.UTF_8)).contains("role/app-worker");

        identities.putUserPolicy("dev", "deny", """
                {"Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}""");
        assertThatThrownBy(() -> authorizer.authorize(user("dev"), "CreateFunction", withBody("POST", Map.of(),
                create.replace("role/admin", "role/app-worker"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.getMessage()).endsWith(
                        "iam:PassRole on resource: arn:aws:iam::000000000000:role/app-worker"
                                + " with an explicit deny in an identity-based policy"));
    }

    @Test
    void aUsersSecretIsSealedAtRestAndOpensForItsKey() {
        String userId = identities.createUser("bob").userId();
        var key = identities.createAccessKey("bob");
        String stored = store.read(tx -> tx.users().findKey(key.accessKeyId())).orElseThrow().sealedSecret();
        assertThat(stored).startsWith("lamina:v1:").doesNotContain(key.secretAccessKey());
        assertThat(new UserAccessKeys(identities).find(key.accessKeyId())).hasValueSatisfying(k -> {
            assertThat(k.secretAccessKey()).isEqualTo(key.secretAccessKey());
            assertThat(k.caller()).isEqualTo(new Caller(key.accessKeyId(), "arn:aws:iam::000000000000:user/bob",
                    Caller.Kind.USER, userId));
            assertThat(userId).startsWith("AIDA"); // the user's id, SQS's SenderId for the user's messages
        });
        identities.deleteAccessKey("bob", key.accessKeyId());
        assertThat(new UserAccessKeys(identities).find(key.accessKeyId())).isEmpty();
    }
}
