package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Requests below the SDK, to see the bytes on the wire. They are signed for real, with the AWS SDK's
 * own SigV4 signer (so the server is checked against an independent implementation), and a test can
 * sign them differently to see a signature refused.
 */
final class RawHttp {
    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a request is signed.
     *
     * @param at         the signing time
     * @param presignFor sign in the query string instead of the Authorization header, valid this long
     */
    record Signing(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String region,
                   String service, Instant at, Optional<Duration> presignFor) {
        static Signing root() {
            return new Signing(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey(), Optional.empty(),
                    TestServer.REGION, "lambda", Instant.now(), Optional.empty());
        }

        Signing withKeys(String id, String secret) {
            return new Signing(id, secret, sessionToken, region, service, at, presignFor);
        }

        Signing withToken(String token) {
            return new Signing(accessKeyId, secretAccessKey, Optional.of(token), region, service, at, presignFor);
        }

        Signing withScope(String region, String service) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, region, service, at, presignFor);
        }

        Signing at(Instant at) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, region, service, at, presignFor);
        }

        Signing presigned(Duration validFor) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, region, service, at, Optional.of(validFor));
        }
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    RawHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A request signed with the root keys, now, whose body will be {@code body}. */
    HttpRequest.Builder request(String method, String path, byte[] body) {
        return request(method, path, Map.of(), body, Signing.root(), HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * A request signed as {@code signing} says, with {@code headers} signed too. {@code publisher}
     * sends the body, which must be the bytes {@code body} for the signature to hold.
     */
    HttpRequest.Builder request(String method, String path, Map<String, String> headers, byte[] body,
                                Signing signing, HttpRequest.BodyPublisher publisher) {
        SdkHttpRequest signed = sign(method, path, headers, body, signing);
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri()).method(method, publisher);
        signed.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder;
    }

    /** The signed request the SDK's signer makes, to copy from or to tamper with. */
    SdkHttpRequest sign(String method, String path, Map<String, String> headers, byte[] body, Signing signing) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(endpoint.resolve(path))
                .method(SdkHttpMethod.fromValue(method));
        headers.forEach(unsigned::putHeader);
        AwsCredentialsIdentity identity = signing.sessionToken()
                .<AwsCredentialsIdentity>map(t -> AwsSessionCredentialsIdentity.create(signing.accessKeyId(),
                        signing.secretAccessKey(), t))
                .orElseGet(() -> AwsCredentialsIdentity.create(signing.accessKeyId(), signing.secretAccessKey()));
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(unsigned.build()).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.at(), ZoneOffset.UTC));
            signing.presignFor().ifPresent(d -> r
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, d));
        }).request();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(String method, String path, String body) throws IOException, InterruptedException {
        return send(request(method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)).build());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Sends a GET exactly as given, over a plain socket, with the signature of {@code signed}. */
    String rawGet(String pathAsSent, SdkHttpRequest signed) throws IOException {
        StringBuilder head = new StringBuilder("GET " + pathAsSent + " HTTP/1.1\r\n");
        head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
        for (String name : List.of("Authorization", "X-Amz-Date")) {
            signed.firstMatchingHeader(name).ifPresent(v -> head.append(name).append(": ").append(v).append("\r\n"));
        }
        return exchange(head.append("Connection: close\r\n\r\n").toString());
    }

    /**
     * Sends only the head of a request that declares {@code contentLength} bytes, then reads the
     * answer: the server must refuse without waiting for a body that never comes. Signed as if the
     * body were empty and without the query (which may be malformed on purpose): the size and the
     * query are checked before the signature.
     */
    String headOnly(String method, String path, long contentLength) throws IOException {
        SdkHttpRequest signed = sign(method, path.split("\\?", 2)[0], Map.of(), new byte[0], Signing.root());
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
        for (String name : List.of("Authorization", "X-Amz-Date")) {
            signed.firstMatchingHeader(name).ifPresent(v -> head.append(name).append(": ").append(v).append("\r\n"));
        }
        head.append("Content-Type: application/json\r\nContent-Length: ").append(contentLength).append("\r\n\r\n");
        return exchange(head.toString());
    }

    /** Writes {@code head} and answers the first bytes of the response. */
    private String exchange(String head) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }
}
