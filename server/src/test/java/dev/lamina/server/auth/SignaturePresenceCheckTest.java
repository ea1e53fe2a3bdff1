package dev.lamina.server.auth;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.RequestId;
import dev.lamina.server.http.ApiRequest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignaturePresenceCheckTest {
    final SignaturePresenceCheck check = new SignaturePresenceCheck();

    static ApiRequest request(Map<String, String> headers, Map<String, List<String>> query) {
        return new ApiRequest(RequestId.random(), "GET", "/", Map.of(), query,
                name -> Optional.ofNullable(headers.get(name)), InputStream.nullInputStream(), "localhost");
    }

    @Test
    void theAccessKeyIdComesFromTheCredentialScope() {
        Caller caller = check.authenticate(request(Map.of("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
                Map.of()));
        assertThat(caller.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void presignedQueryParametersAreASignatureToo() {
        Caller caller = check.authenticate(request(Map.of(), Map.of(
                "X-Amz-Algorithm", List.of("AWS4-HMAC-SHA256"),
                "X-Amz-Credential", List.of("AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request"),
                "X-Amz-Signature", List.of("abcdef"))));
        assertThat(caller.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() {
        assertThatThrownBy(() -> check.authenticate(request(Map.of(), Map.of())))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MISSING_AUTHENTICATION_TOKEN);
                    assertThat(e.code().httpStatus()).isEqualTo(403);
                });
    }

    @Test
    void aMalformedAuthorizationHeaderIsAnInvalidSignature() {
        assertThatThrownBy(() -> check.authenticate(request(Map.of("Authorization", "Basic dXNlcjpwYXNz"), Map.of())))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void aUsersKeyYieldsTheUserAndAnUnknownUserKeyIsRefused() {
        Caller alice = new Caller("AKIAALICE", "arn:aws:iam::000000000000:user/alice", Caller.Kind.USER);
        SignaturePresenceCheck withUsers = new SignaturePresenceCheck(id -> id.equals("AKIAALICE")
                ? Optional.of(new AccessKeys.SigningKey("s", alice, Optional.empty(), Optional.empty()))
                : Optional.empty());
        String header = "AWS4-HMAC-SHA256 Credential=%s/20150830/us-east-1/lambda/aws4_request, "
                + "SignedHeaders=host, Signature=abcd";
        assertThat(withUsers.authenticate(request(Map.of("Authorization", header.formatted("AKIAALICE")), Map.of())))
                .isEqualTo(alice);
        assertThatThrownBy(() -> withUsers.authenticate(request(Map.of("Authorization",
                header.formatted("AKIADELETED")), Map.of())))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNRECOGNIZED_CLIENT));
        assertThat(withUsers.authenticate(request(Map.of("Authorization", header.formatted("ASIAFUNCTION")), Map.of()))
                .kind()).isEqualTo(Caller.Kind.ROOT);
    }
}
