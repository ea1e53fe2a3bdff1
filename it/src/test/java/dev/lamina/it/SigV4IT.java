package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a SigV4 signature can be wrong, sent to the real server over raw HTTP (signed with the
 * AWS SDK's signer, then spoilt), with AWS's error for each; and none of them changes anything.
 */
class SigV4IT extends ServerPerClass {
    static final String CREATE = "/2015-03-31/functions";
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static RawHttp http;
    /** Names of functions that refused requests tried to create. */
    static final List<String> refusedNames = new ArrayList<>();

    @BeforeAll
    static void deployFixtures() {
        http = new RawHttp(server.endpoint());
        Deploy.active(lambda, "sigv4-target");
    }

    static byte[] createBody(String name) {
        refusedNames.add(name);
        return ("{\"FunctionName\":\"" + name + "\",\"Runtime\":\"nodejs20.x\",\"Handler\":\"index.handler\","
                + "\"Role\":\"" + TestServer.ROLE + "\",\"Code\":{\"ZipFile\":\""
                + Base64.getEncoder().encodeToString(Zips.nodeEcho(name))
                + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse<String> create(String name, RawHttp.Signing signing) throws Exception {
        byte[] body = createBody(name);
        return http.send(http.request("POST", CREATE, Map.of(), body, signing,
                HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A CreateFunction request signed with the root keys whose Authorization header is then replaced. */
    static HttpResponse<String> createWithAuthorization(String name, String authorization) throws Exception {
        byte[] body = createBody(name);
        SdkHttpRequest signed = http.sign("POST", CREATE, Map.of(), body, RawHttp.Signing.root());
        return http.send(HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Amz-Date", signed.firstMatchingHeader("X-Amz-Date").orElseThrow())
                .header("Authorization", authorization).build());
    }

    static String rootAuthorization(String name) {
        return http.sign("POST", CREATE, Map.of(), createBody(name), RawHttp.Signing.root())
                .firstMatchingHeader("Authorization").orElseThrow();
    }

    static void refused(HttpResponse<String> response, int status, String code, String message) throws Exception {
        WireFormatIT.assertError(response, status, code);
        assertThat(RawHttp.json(response).path("message").asText()).isEqualTo(message);
    }

    static void refusedMatching(HttpResponse<String> response, int status, String code, String messagePattern)
            throws Exception {
        WireFormatIT.assertError(response, status, code);
        assertThat(RawHttp.json(response).path("message").asText()).matches(messagePattern);
    }

    @Test
    void aRequestSignedWithTheRootKeysIsAcceptedInTheHeaderAndPresignedForms() throws Exception {
        byte[] body = ("{\"FunctionName\":\"sigv4-accepted\",\"Runtime\":\"nodejs20.x\",\"Handler\":\"index.handler\","
                + "\"Role\":\"" + TestServer.ROLE + "\",\"Code\":{\"ZipFile\":\""
                + Base64.getEncoder().encodeToString(Zips.nodeEcho("ok")) + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = http.send(http.request("POST", CREATE, body).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        RawHttp.Signing presigned = RawHttp.Signing.root().presigned(Duration.ofMinutes(10));
        HttpResponse<String> got = http.send(http.request("GET", "/2015-03-31/functions/sigv4-accepted", Map.of(),
                new byte[0], presigned, HttpRequest.BodyPublishers.noBody()).build());
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(RawHttp.json(got).path("Configuration").path("FunctionName").asText()).isEqualTo("sigv4-accepted");
    }

    @Test
    void unsignedAndMalformedSignaturesAreRefused() throws Exception {
        byte[] body = createBody("sigv4-unsigned");
        refused(http.send(HttpRequest.newBuilder(server.endpoint().resolve(CREATE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()),
                403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        String credentialOnly = "AWS4-HMAC-SHA256 Credential=" + TestServer.KEYS.accessKeyId();
        refused(createWithAuthorization("sigv4-malformed", credentialOnly), 400, "IncompleteSignatureException",
                "Authorization header requires 'Signature' parameter."
                        + " Authorization header requires 'SignedHeaders' parameter.");
        String fourParts = rootAuthorization("sigv4-scope").replace("/aws4_request", "");
        refusedMatching(createWithAuthorization("sigv4-scope", fourParts), 400, "IncompleteSignatureException",
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + TestServer.KEYS.accessKeyId() + "/\\d{8}/"
                        + TestServer.REGION + "/lambda'");
    }

    @Test
    void unknownKeysAndWrongSecretsAreRefused() throws Exception {
        RawHttp.Signing root = RawHttp.Signing.root();
        refused(create("sigv4-unknown-key", root.withKeys("LKIAUNKNOWNUNKNOWN00", TestServer.KEYS.secretAccessKey())),
                403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        refused(create("sigv4-wrong-secret", root.withKeys(TestServer.KEYS.accessKeyId(), "not-the-secret")),
                403, "InvalidSignatureException", MISMATCH);
        refused(create("sigv4-token", root.withToken("a-session-token-the-root-keys-never-have")),
                403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Test
    void aTamperedBodyHeaderQueryOrPathIsRefused() throws Exception {
        byte[] signedBody = createBody("sigv4-body-a");
        byte[] sentBody = createBody("sigv4-body-b");
        refused(http.send(http.request("POST", CREATE, Map.of(), signedBody, RawHttp.Signing.root(),
                HttpRequest.BodyPublishers.ofByteArray(sentBody)).build()), 403, "InvalidSignatureException",
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        HttpRequest.Builder rehashed = http.request("POST", CREATE, Map.of(), signedBody, RawHttp.Signing.root(),
                HttpRequest.BodyPublishers.ofByteArray(sentBody));
        rehashed.setHeader("x-amz-content-sha256", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(sentBody)));
        refused(http.send(rehashed.build()), 403, "InvalidSignatureException", MISMATCH);

        byte[] body = createBody("sigv4-header");
        HttpRequest.Builder header = http.request("POST", CREATE, Map.of("X-Lamina-Test", "signed"), body,
                RawHttp.Signing.root(), HttpRequest.BodyPublishers.ofByteArray(body));
        refused(http.send(header.setHeader("X-Lamina-Test", "changed").build()), 403, "InvalidSignatureException",
                MISMATCH);

        String configuration = "/2015-03-31/functions/sigv4-target/configuration";
        byte[] update = "{\"Description\":\"tampered\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signedPath = http.sign("PUT", "/2015-03-31/functions/sigv4-other/configuration", Map.of(),
                update, RawHttp.Signing.root());
        refused(http.send(HttpRequest.newBuilder(server.endpoint().resolve(configuration))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(update))
                .header("X-Amz-Date", signedPath.firstMatchingHeader("X-Amz-Date").orElseThrow())
                .header("Authorization", signedPath.firstMatchingHeader("Authorization").orElseThrow()).build()),
                403, "InvalidSignatureException", MISMATCH);
        assertThat(lambda.getFunction(b -> b.functionName("sigv4-target")).configuration().description()).isEmpty();

        SdkHttpRequest signedQuery = http.sign("GET", "/2015-03-31/functions/?MaxItems=1", Map.of(), new byte[0],
                RawHttp.Signing.root());
        refused(http.send(HttpRequest.newBuilder(server.endpoint().resolve("/2015-03-31/functions/?MaxItems=2"))
                .header("X-Amz-Date", signedQuery.firstMatchingHeader("X-Amz-Date").orElseThrow())
                .header("Authorization", signedQuery.firstMatchingHeader("Authorization").orElseThrow()).build()),
                403, "InvalidSignatureException", MISMATCH);
    }

    @Test
    void aSignatureDoesNotCarryOverToAPathWithDotOrEmptySegments() throws Exception {
        // SigV4 resolves "x/.." before signing, so these paths have the signature of GetFunction
        // sigv4-target; sent as they are, they name no operation.
        SdkHttpRequest signed = http.sign("GET", "/2015-03-31/functions/sigv4-target", Map.of(), new byte[0],
                RawHttp.Signing.root());
        for (String path : List.of("/2015-03-31/functions/x/../sigv4-target", "/2015-03-31/functions/./sigv4-target",
                "/2015-03-31//functions/sigv4-target")) {
            String answer = http.rawGet(path, signed);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("FunctionArn");
        }
    }

    @Test
    void theHostTheScopeDateRegionAndServiceAreChecked() throws Exception {
        String root = rootAuthorization("sigv4-unsigned-host");
        String withoutHost = root.replaceAll("SignedHeaders=[^,]*", "SignedHeaders=x-amz-date");
        refused(createWithAuthorization("sigv4-unsigned-host", withoutHost), 403, "InvalidSignatureException",
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        String scopeDate = root.replaceAll(".*Credential=[^/]+/(\\d{8})/.*", "$1");
        String otherDate = root.replace("/" + scopeDate + "/", "/20000101/");
        refusedMatching(createWithAuthorization("sigv4-scope-date", otherDate), 403, "InvalidSignatureException",
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
                        + " '20000101' != '" + scopeDate + "', from '" + scopeDate + "T\\d{6}Z'\\.");
        refused(create("sigv4-region", RawHttp.Signing.root().withScope("us-west-2", "lambda")),
                403, "InvalidSignatureException", "Credential should be scoped to a valid region, not 'us-west-2'. ");
        refused(create("sigv4-service", RawHttp.Signing.root().withScope(TestServer.REGION, "execute-api")),
                403, "InvalidSignatureException", "Credential should be scoped to correct service: 'lambda'. ");
    }

    @Test
    void requestsOutsideTheFiveMinuteWindowAndExpiredPresignedOnesAreRefused() throws Exception {
        Instant now = Instant.now();
        RawHttp.Signing root = RawHttp.Signing.root();
        refusedMatching(create("sigv4-expired", root.at(now.minus(Duration.ofMinutes(10)))), 403,
                "InvalidSignatureException",
                "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
        refusedMatching(create("sigv4-future", root.at(now.plus(Duration.ofMinutes(10)))), 403,
                "InvalidSignatureException",
                "Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z"
                        + " \\(\\d{8}T\\d{6}Z \\+ 5 min\\.\\)");
        refusedMatching(create("sigv4-presigned-expired", root.at(now.minus(Duration.ofMinutes(20)))
                        .presigned(Duration.ofMinutes(10))), 403, "InvalidSignatureException",
                "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z"
                        + " \\(\\d{8}T\\d{6}Z - 600 sec\\.\\)");
        byte[] body = createBody("sigv4-presigned-late");
        SdkHttpRequest presigned = http.sign("POST", CREATE, Map.of(), body,
                RawHttp.Signing.root().presigned(Duration.ofMinutes(10)));
        URI late = URI.create(presigned.getUri().toString().replace("X-Amz-Expires=600", "X-Amz-Expires=604801"));
        refused(http.send(HttpRequest.newBuilder(late).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()),
                403, "InvalidSignatureException", "X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }

    @Test
    void noRefusedRequestCreatedAFunction() throws Exception {
        unsignedAndMalformedSignaturesAreRefused();
        unknownKeysAndWrongSecretsAreRefused();
        aTamperedBodyHeaderQueryOrPathIsRefused();
        theHostTheScopeDateRegionAndServiceAreChecked();
        requestsOutsideTheFiveMinuteWindowAndExpiredPresignedOnesAreRefused();
        List<String> existing = lambda.listFunctionsPaginator(b -> { }).functions().stream()
                .map(FunctionConfiguration::functionName).toList();
        assertThat(refusedNames).isNotEmpty();
        assertThat(existing).contains("sigv4-target").doesNotContainAnyElementsOf(refusedNames);
    }
}
