package dev.lamina.server.auth;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.ControlSettings;
import dev.lamina.control.iam.Identities;
import dev.lamina.model.AccountId;
import dev.lamina.model.Architecture;
import dev.lamina.model.ErrorCode;
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

import java.nio.file.Path;
import java.time.Clock;
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
    PolicyAuthorizer authorizer;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new dev.lamina.store.secrets.AesGcmSealer(new byte[32], "environment-variables"));
        identities = new Identities(store, new AesGcmSealer(new byte[32], "access-keys"), ACCOUNT, Clock.systemUTC());
        ControlPlane control = new ControlPlane(ControlSettings.awsDefaults(REGION, ACCOUNT, Architecture.X86_64), store,
                new CodeStore(dir.resolve("code"), ZipLimits.AWS_DEFAULTS, 50L << 20), Runnable::run, Clock.systemUTC());
        authorizer = new PolicyAuthorizer(identities, control.permissions(), REGION, ACCOUNT);
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

    @Test
    void aRoleSessionGetsItsRolesPolicy() {
        identities.createRole("worker", ALLOW_INVOKE);
        Caller session = new Caller("ASIA1", "arn:aws:sts::000000000000:assumed-role/worker/f-session",
                Caller.Kind.ROLE_SESSION);
        authorizer.authorize(session, "Invoke", invoke("f"));
        assertDenied(() -> authorizer.authorize(session, "GetFunction", invoke("f")));
        Caller stranger = new Caller("ASIA2", "arn:aws:sts::000000000000:assumed-role/none/s", Caller.Kind.ROLE_SESSION);
        assertDenied(() -> authorizer.authorize(stranger, "Invoke", invoke("f")));
        assertThat(identities.rolePolicy("arn:aws:iam::000000000000:role/worker")).isPresent();
        assertThat(identities.rolePolicy("arn:aws:iam::111111111111:role/worker")).isEmpty();
    }

    @Test
    void aUsersSecretIsSealedAtRestAndOpensForItsKey() {
        identities.createUser("bob");
        var key = identities.createAccessKey("bob");
        String stored = store.read(tx -> tx.users().findKey(key.accessKeyId())).orElseThrow().sealedSecret();
        assertThat(stored).startsWith("lamina:v1:").doesNotContain(key.secretAccessKey());
        assertThat(new UserAccessKeys(identities).find(key.accessKeyId())).hasValueSatisfying(k -> {
            assertThat(k.secretAccessKey()).isEqualTo(key.secretAccessKey());
            assertThat(k.caller()).isEqualTo(new Caller(key.accessKeyId(), "arn:aws:iam::000000000000:user/bob",
                    Caller.Kind.USER));
        });
        identities.deleteAccessKey("bob", key.accessKeyId());
        assertThat(new UserAccessKeys(identities).find(key.accessKeyId())).isEmpty();
    }
}
