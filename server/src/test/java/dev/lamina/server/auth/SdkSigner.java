package dev.lamina.server.auth;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Requests signed by the AWS SDK for Java's own SigV4 signer: an implementation independent of Lamina's. */
final class SdkSigner {
    static final String HOST = "lamina.test:9000";

    private SdkSigner() {
    }

    /**
     * @param pathAndQuery as it goes on the wire, already percent-encoded
     * @param presignFor   sign in the query string, valid this long, instead of the Authorization header
     */
    static HttpText sign(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                         String accessKeyId, String secret, Optional<String> token, String region, String service,
                         Instant at, Optional<Duration> presignFor) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(URI.create("http://" + HOST + pathAndQuery))
                .method(SdkHttpMethod.fromValue(method));
        headers.forEach(unsigned::putHeader);
        AwsCredentialsIdentity identity = token.<AwsCredentialsIdentity>map(
                        t -> AwsSessionCredentialsIdentity.create(accessKeyId, secret, t))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secret));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(unsigned.build()).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            presignFor.ifPresent(d -> r
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, d));
        }).request();
        Map<String, List<String>> out = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> out.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        out.putIfAbsent("host", List.of(HOST));
        URI uri = signed.getUri();
        return new HttpText(method, uri.getRawPath(), Optional.ofNullable(uri.getRawQuery()).orElse(""), out, body);
    }
}
