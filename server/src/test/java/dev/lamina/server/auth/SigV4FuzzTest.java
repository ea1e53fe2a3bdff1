package dev.lamina.server.auth;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random mutations of validly signed requests (the Authorization header, the presigned query,
 * X-Amz-Date, the path, the body) and a corpus of hostile inputs, fed to the verifier. It must answer
 * each with one of AWS's authentication errors, never another exception, and it may accept a mutant
 * only when what the mutant signs is exactly what the original signed, with the same signature.
 *
 * <p>The default suite replays the corpus and a few thousand mutations in about a second. A long run:
 * {@code ./run-tests -pl server -am -Dtest=SigV4FuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsigv4.fuzz.iterations=2000000 -Dsigv4.fuzz.seed=<any long>}; a failure prints the seed and the
 * iteration, which replay it.
 */
class SigV4FuzzTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Set<ErrorCode> AUTH_ERRORS = Set.of(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
            ErrorCode.INCOMPLETE_SIGNATURE, ErrorCode.INVALID_SIGNATURE, ErrorCode.UNRECOGNIZED_CLIENT,
            ErrorCode.EXPIRED_TOKEN);
    static final Caller CALLER = new Caller("LKIAFUZZ", "arn:aws:iam::000000000000:root", Caller.Kind.ROOT);
    static final String SECRET = "fuzz-secret";
    /** Pieces a mutation inserts: SigV4's own delimiters, escapes, and characters outside ASCII. */
    static final String[] PIECES = {",", "=", "/", ";", " ", "\t", "%", "%2", "%zz", "%00", "&", "?", "..", "//",
            "aws4_request", "AWS4-HMAC-SHA256", "Credential=", "SignedHeaders=", "Signature=", "host", "X-Amz-Date=",
            "X-Amz-Signature=", "X-Amz-Expires=604801", "X-Amz-Expires=-1", "X-Amz-Expires=99999999999999999999",
            "\u00e9", "\u1234", "\ud83d\ude00", "\ud800", "\u0000", "\r\n", "+", "~", "LKIAFUZZ", "20260301",
            "20260301T100000Z", "lambda", "us-east-1", "0", "f", "A"};

    final SigV4Verifier verifier = new SigV4Verifier(
            id -> id.equals("LKIAFUZZ") ? Optional.of(new AccessKeys.SigningKey(SECRET, CALLER, Optional.empty(),
                    Optional.empty())) : Optional.empty(),
            "us-east-1", "lambda", Clock.fixed(NOW, ZoneOffset.UTC));

    static List<HttpText> seeds() {
        byte[] body = "{\"FunctionName\":\"f\",\"Payload\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        List<HttpText> seeds = new ArrayList<>();
        for (Optional<Duration> presign : List.of(Optional.<Duration>empty(), Optional.of(Duration.ofMinutes(10)))) {
            seeds.add(sign("GET", "/2015-03-31/functions/?MaxItems=10&Marker=a%20b", Map.of(), new byte[0], presign));
            seeds.add(sign("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af"
                    + "/invocations", Map.of("X-Amz-Invocation-Type", "Event", "Content-Type", "application/json"),
                    body, presign));
            seeds.add(sign("PUT", "/2015-03-31/functions/f/configuration", Map.of("X-Custom", "a  b   c"), body,
                    presign));
        }
        return seeds;
    }

    static HttpText sign(String method, String target, Map<String, String> headers, byte[] body,
                         Optional<Duration> presign) {
        return SdkSigner.sign(method, target, headers, body, "LKIAFUZZ", SECRET, Optional.empty(), "us-east-1",
                "lambda", NOW, presign);
    }

    /** Hand-written hostile requests, replayed every run. */
    static List<HttpText> corpus(HttpText header, HttpText presigned) {
        String auth = header.header("Authorization").orElseThrow();
        List<HttpText> corpus = new ArrayList<>();
        for (String value : List.of("", " ", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 ,,,,",
                "AWS4-HMAC-SHA256 Credential", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
                "AWS4-HMAC-SHA256 Credential=////, SignedHeaders=host, Signature=00",
                "AWS4-HMAC-SHA256 Credential=LKIAFUZZ/20260301/us-east-1/lambda/aws4_request/extra,"
                        + " SignedHeaders=host, Signature=00",
                "Basic dXNlcjpwYXNz", "Bearer x", "AWS LKIAFUZZ:abc", "AWS4-HMAC-SHA512 Credential=x",
                auth + ", Signature=" + "0".repeat(64), auth.replace("SignedHeaders=", "SignedHeaders=host;"),
                auth.replace("SignedHeaders=", "SignedHeaders=" + "x-a;".repeat(5_000)),
                auth + ", Junk=" + "\u00e9\u1234".repeat(20_000), auth.replace("Signature=", "Signature=\u0000"),
                auth.toLowerCase(), auth.toUpperCase(), "AWS4-HMAC-SHA256 " + "Credential=a/b/c/d/e, ".repeat(3_000))) {
            corpus.add(header.withHeader("Authorization", value));
        }
        for (String date : List.of("", "2026", "20260301T100000", "20260301T100000Zjunk", "20261301T100000Z",
                "20260230T100000Z", "99999999T999999Z", "20260301t100000z", "\u0661\u0662\u0663\u0664\u0665\u0666"
                        + "\u0667\u0668T\u0661\u0662\u0663\u0664\u0665\u0666Z")) {
            corpus.add(header.withHeader("X-Amz-Date", date));
        }
        String query = presigned.rawQuery();
        for (String q : List.of(query + "&" + query, query + "&X-Amz-Signature=00", query.replace("X-Amz-Algorithm=", "x="),
                query.replaceAll("X-Amz-Expires=\\d+", "X-Amz-Expires="),
                query.replaceAll("X-Amz-Expires=\\d+", "X-Amz-Expires=1e3"), query + "&" + "a=b&".repeat(20_000),
                query.replace("X-Amz-Credential=", "X-Amz-Credential=%E2%82"), "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "X-Amz-Signature", "%", "&&&=&=")) {
            corpus.add(presigned.withTarget(presigned.path(), q));
        }
        corpus.add(header.withTarget("", header.rawQuery()));
        corpus.add(header.withTarget("/" + "../".repeat(10_000), header.rawQuery()));
        corpus.add(header.withTarget(header.path() + "/%", header.rawQuery()));
        corpus.add(header.withBody(new byte[1 << 20]));
        return corpus;
    }

    @Test
    void theCorpusOfHostileRequestsGetsOnlyAwsErrors() {
        List<HttpText> seeds = seeds();
        for (HttpText hostile : corpus(seeds.get(0), seeds.get(3))) {
            check(seeds.get(0), hostile, "corpus");
        }
    }

    @Test
    void randomMutationsOfSignedRequestsGetOnlyAwsErrorsAndNeverAnotherSignature() {
        long seed = Long.getLong("sigv4.fuzz.seed", 20260301L);
        int iterations = Integer.getInteger("sigv4.fuzz.iterations", 5_000);
        List<HttpText> seeds = seeds();
        for (HttpText s : seeds) {
            assertThat(verifier.authenticate(s.toApiRequest())).as("a seed verifies").isEqualTo(CALLER);
        }
        for (int i = 0; i < iterations; i++) {
            Random random = new Random(seed * 31 + i);
            HttpText original = seeds.get(random.nextInt(seeds.size()));
            HttpText mutant = original;
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                mutant = mutate(mutant, random);
            }
            check(original, mutant, "seed " + seed + ", iteration " + i);
        }
    }

    private void check(HttpText original, HttpText mutant, String where) {
        Caller caller;
        try {
            caller = verifier.authenticate(mutant.toApiRequest());
        } catch (LambdaException e) {
            if (!AUTH_ERRORS.contains(e.code())) {
                fail(where + ": " + e.code() + " " + e.getMessage() + " for " + mutant);
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e + " for " + mutant, e);
        }
        // Accepted: then it must sign the very same thing as the original, with the same signature.
        assertThat(caller).isEqualTo(CALLER);
        assertThat(signedContent(mutant)).as(where + ": accepted " + mutant).isEqualTo(signedContent(original));
    }

    /** The canonical request and the signature, which together are what a signature vouches for. */
    private static String signedContent(HttpText request) {
        var api = request.toApiRequest();
        var query = QueryString.parse(api.rawQuery());
        SigV4Signature claim = SigV4Signature.of(api, query);
        try {
            return SigV4Verifier.canonicalRequest(api, query, claim, api.body().sha256Hex()) + "\n"
                    + claim.signature().toLowerCase(java.util.Locale.ROOT) + "\n" + claim.scope() + "\n" + claim.amzDate();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpText mutate(HttpText request, Random random) {
        boolean presigned = request.header("Authorization").isEmpty();
        return switch (random.nextInt(6)) {
            case 0, 1 -> presigned
                    ? request.withTarget(request.path(), mutateString(request.rawQuery(), random))
                    : request.withHeader("Authorization", mutateString(request.header("Authorization").orElse(""), random));
            case 2 -> request.withHeader("X-Amz-Date", mutateString(request.header("X-Amz-Date").orElse(""), random));
            case 3 -> request.withTarget(mutateString(request.path(), random), request.rawQuery());
            case 4 -> request.withTarget(request.path(), mutateString(request.rawQuery(), random));
            default -> request.withBody(mutateString(new String(request.body(), StandardCharsets.UTF_8), random)
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static String mutateString(String s, Random random) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
        return switch (random.nextInt(7)) {
            case 0 -> at < s.length() ? s.substring(0, at) + (char) (32 + random.nextInt(95)) + s.substring(at + 1) : s + "x";
            case 1 -> s.substring(0, at) + PIECES[random.nextInt(PIECES.length)] + s.substring(at);
            case 2 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
            case 3 -> s.substring(0, at);
            case 4 -> s.substring(0, at) + s.substring(at).repeat(2);
            case 5 -> s.substring(0, at) + PIECES[random.nextInt(PIECES.length)].repeat(1 + random.nextInt(2_000))
                    + s.substring(at);
            default -> at < s.length() ? s.substring(0, at) + Character.toString(0x80 + random.nextInt(0x10000 - 0x80))
                    + s.substring(at + 1) : s;
        };
    }
}
