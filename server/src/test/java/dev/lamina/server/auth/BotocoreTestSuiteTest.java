package dev.lamina.server.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * botocore's copy of the original (2011) SigV4 suite, the two vectors about path encoding: the path
 * as it is on the wire is URI-encoded once more, as AWS does for every service but S3. Those vectors
 * sign a {@code Date} header where Lamina requires {@code X-Amz-Date}, so they check the canonical
 * request, the string to sign and the signature directly rather than through the verifier.
 */
class BotocoreTestSuiteTest {
    static final String SUITE = "/sigv4/botocore-aws4_testsuite/";

    @ParameterizedTest
    @CsvSource({"get-space, /%20/foo", "get-utf8, /%E1%88%B4"})
    void theCanonicalRequestStringToSignAndSignatureAreBotocores(String name, String wirePath) {
        Map<String, String> headers = Map.of("date", "Mon, 09 Sep 2011 23:36:00 GMT", "host", "host.foo.com");
        String canonical = CanonicalRequest.of("GET", wirePath, List.of(), false,
                n -> Optional.ofNullable(headers.get(n)), List.of("date", "host"), SigV4Signing.sha256Hex(new byte[0]));
        assertThat(canonical).isEqualTo(read(name + ".creq"));

        String stringToSign = SigV4Signing.stringToSign("20110909T233600Z", "20110909/us-east-1/host/aws4_request",
                canonical);
        assertThat(stringToSign).isEqualTo(read(name + ".sts"));
        String signature = SigV4Signing.signature(SigV4TestSuiteTest.SECRET, "20110909", "us-east-1", "host",
                "aws4_request", stringToSign);
        assertThat(read(name + ".authz")).endsWith("Signature=" + signature);
    }

    private static String read(String file) {
        return SigV4TestSuiteTest.read(SUITE + file).orElseThrow();
    }
}
