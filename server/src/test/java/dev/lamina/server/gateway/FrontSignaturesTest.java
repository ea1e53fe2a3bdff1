package dev.lamina.server.gateway;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.ControlSettings;
import dev.lamina.control.iam.Identities;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.SignatureCheck;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.model.AccountId;
import dev.lamina.model.Architecture;
import dev.lamina.model.Region;
import dev.lamina.server.auth.AccessKeys;
import dev.lamina.server.auth.PolicyAuthorizer;
import dev.lamina.server.auth.RoleSessions;
import dev.lamina.server.auth.UserAccessKeys;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.ZipLimits;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Front-door signatures signed by the AWS SDK's own signer, host style and path style. */
class FrontSignaturesTest {
    static final AccountId ACCOUNT = new AccountId("000000000000");
    static final Region REGION = new Region("us-east-1");
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";

    @TempDir
    Path dir;
    SqliteStore store;
    Identities identities;
    FrontSignatures signatures;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        identities = new Identities(store, new AesGcmSealer(new byte[32], "access-keys"), ACCOUNT, clock);
        ControlPlane control = new ControlPlane(ControlSettings.awsDefaults(REGION, ACCOUNT, Architecture.X86_64), store,
                new CodeStore(dir.resolve("code"), ZipLimits.AWS_DEFAULTS, 50L << 20), Runnable::run, clock);
        RoleSessions sessions = new RoleSessions(ACCOUNT, Duration.ofHours(1), clock);
        PolicyAuthorizer authorizer = new PolicyAuthorizer(identities, control.permissions(), sessions, REGION, ACCOUNT);
        AccessKeys keys = AccessKeys.inOrder(AccessKeys.root("000000000000", "LKIAROOT", "rootsecret"),
                new UserAccessKeys(identities));
        signatures = new FrontSignatures(keys, authorizer, REGION, ACCOUNT, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The request as the edge hands it to the front: {@code wirePath} signed, {@code rawPath} after the front's address. */
    private static WebRequest signed(String host, String wirePath, String rawPath, String secret, String service,
                                     boolean presigned) {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().uri(URI.create("http://" + host + wirePath))
                .method(SdkHttpMethod.POST).putHeader("Content-Type", "application/json").build();
        SdkHttpRequest request = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("LKIAROOT", secret)).request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (presigned) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            }
        }).request();
        List<WebRequest.Header> headers = new ArrayList<>();
        request.forEachHeader((name, values) -> values.forEach(v -> headers.add(new WebRequest.Header(name, v))));
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Host"))) {
            headers.add(new WebRequest.Header("Host", host));
        }
        String frontId = host.contains(".lambda-url.") ? host.substring(0, host.indexOf('.')) : "abc";
        return new WebRequest("r1", frontId, "POST", rawPath,
                Optional.ofNullable(request.getUri().getRawQuery()).orElse(""), headers, body, "127.0.0.1", "HTTP/1.1",
                NOW);
    }

    @Test
    void anUnsignedRequestHasNoCaller() throws Exception {
        WebRequest plain = new WebRequest("r", "abc", "GET", "/", "a=1", List.of(new WebRequest.Header("Host",
                "abc.lambda-url.us-east-1.localhost")), new byte[0], "127.0.0.1", "HTTP/1.1", NOW);
        assertThat(signatures.verify(plain, "lambda")).isEmpty();
    }

    @Test
    void hostStyleAndPathStyleSignaturesVerify() throws Exception {
        IamCaller root = new IamCaller("LKIAROOT", "000000000000", "000000000000", "arn:aws:iam::000000000000:root");
        assertThat(signatures.verify(signed("abc.lambda-url.us-east-1.localhost:9070", "/x/y?q=1", "/x/y",
                "rootsecret", "lambda", false), "lambda")).contains(root);
        assertThat(signatures.verify(signed("127.0.0.1:9070", "/_aws/lambda-url/abc/x?q=1", "/x", "rootsecret",
                "lambda", false), "lambda")).contains(root);
        assertThat(signatures.verify(signed("127.0.0.1:9070", "/_aws/lambda-url/abc", "/", "rootsecret", "lambda",
                false), "lambda")).contains(root);
        assertThat(signatures.verify(signed("127.0.0.1:9070", "/_aws/lambda-url/abc/", "/", "rootsecret", "lambda",
                true), "lambda")).contains(root);
        assertThat(signatures.verify(signed("127.0.0.1:9070", "/_aws/execute-api/abc/prod/a", "/prod/a", "rootsecret",
                "execute-api", false), "execute-api")).contains(root);
    }

    @Test
    void aWrongSignatureOrScopeIsRejectedWithAwsWording() {
        assertThatThrownBy(() -> signatures.verify(signed("abc.lambda-url.us-east-1.localhost", "/", "/", "wrong",
                "lambda", false), "lambda")).isInstanceOf(SignatureCheck.Rejected.class)
                .hasMessageStartingWith("The request signature we calculated does not match");
        assertThatThrownBy(() -> signatures.verify(signed("abc.lambda-url.us-east-1.localhost", "/", "/",
                "rootsecret", "execute-api", false), "lambda")).isInstanceOf(SignatureCheck.Rejected.class)
                .hasMessageContaining("Credential should be scoped to correct service: 'lambda'");
        // signed for another path than the one the front was given
        assertThatThrownBy(() -> signatures.verify(signed("abc.lambda-url.us-east-1.localhost", "/other", "/x",
                "rootsecret", "lambda", false), "lambda")).isInstanceOf(SignatureCheck.Rejected.class);
    }

    @Test
    void allowsEvaluatesIdentityPoliciesAndAlwaysAllowsTheRoot() {
        IamCaller root = new IamCaller("LKIAROOT", "000000000000", "000000000000", "arn:aws:iam::000000000000:root");
        assertThat(signatures.allows(root, "lambda:InvokeFunctionUrl", FUNCTION)).isTrue();
        String userId = identities.createUser("alice").userId();
        IamCaller alice = new IamCaller("AKIAALICE", "000000000000", userId, "arn:aws:iam::000000000000:user/alice");
        assertThat(signatures.allows(alice, "lambda:InvokeFunctionUrl", FUNCTION)).isFalse();
        identities.putUserPolicy("alice", "urls", """
                {"Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunctionUrl","Resource":"%s",
                 "Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"}}}]}""".formatted(FUNCTION));
        assertThat(signatures.allows(alice, "lambda:InvokeFunctionUrl", FUNCTION)).isTrue();
        assertThat(signatures.allows(alice, "lambda:InvokeFunction", FUNCTION)).isFalse();
        assertThat(signatures.allows(alice, "lambda:InvokeFunctionUrl",
                "arn:aws:lambda:eu-west-1:000000000000:function:f")).isFalse();
    }
}
