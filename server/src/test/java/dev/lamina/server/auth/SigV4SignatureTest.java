package dev.lamina.server.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a parsed signature shows of itself. */
class SigV4SignatureTest {
    @Test
    void itsTextShowsTheKeyScopeAndSignedHeadersButNeitherTokenNorSignature() {
        SigV4Signature s = new SigV4Signature("ASIAEXAMPLE", "20261201", "us-east-1", "lambda", "aws4_request",
                List.of("host", "x-amz-date"), "0123abcdsignature", "20261201T000000Z", false, Optional.empty(),
                Optional.of("SECRET-SESSION-TOKEN"));
        assertThat(s.toString())
                .contains("ASIAEXAMPLE", "20261201/us-east-1/lambda/aws4_request", "[host, x-amz-date]")
                .doesNotContain("SECRET-SESSION-TOKEN").doesNotContain("0123abcdsignature");
    }
}
