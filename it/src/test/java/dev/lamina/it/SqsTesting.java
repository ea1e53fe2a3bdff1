package dev.lamina.it;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the SQS tests share: an SDK client for any endpoint, SQS's MD5s computed independently of
 * the server and of the SDK, and AWS's error identity as the SDK exposes it.
 */
final class SqsTesting {
    static final String ARN_PREFIX = "arn:aws:sqs:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":";

    private SqsTesting() {
    }

    /** The SDK's SQS client for {@code endpoint}, signing with the root keys, retries off, MD5 checks on. */
    static SqsClient client(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static String md5Hex(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * MD5OfMessageAttributes as SQS defines it: over the attributes sorted by name, each as its name,
     * its data type (each length-prefixed, big-endian 4 bytes), a transport byte (1 string, 2 binary)
     * and its length-prefixed value.
     */
    static String md5OfAttributes(Map<String, MessageAttributeValue> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : new TreeMap<>(attributes).entrySet()) {
            MessageAttributeValue v = e.getValue();
            prefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            prefixed(out, v.dataType().getBytes(StandardCharsets.UTF_8));
            if (v.binaryValue() != null) {
                out.write(2);
                prefixed(out, v.binaryValue().asByteArray());
            } else {
                out.write(1);
                prefixed(out, v.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5().digest(out.toByteArray()));
    }

    private static void prefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code call}, which must fail with the SDK exception {@code type}, HTTP 400 and the error
     * code the SDK exposes ({@code errorCode}: SQS's query-compatible code, from x-amzn-query-error).
     */
    static <T extends SqsException> T fails(Class<T> type, String errorCode, ThrowableAssert.ThrowingCallable call) {
        T e = catchThrowableOfType(type, call);
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(errorCode);
        return e;
    }

    static String message(SqsException e) {
        return e.awsErrorDetails().errorMessage();
    }

    /** Receives, long-polling 1 s at a time for at most {@code timeout}, until {@code count} messages came. */
    static List<Message> receive(SqsClient sqs, String url, int count, Duration timeout) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            out.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(Math.min(10, count - out.size()))
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        return out;
    }

    static String attribute(SqsClient sqs, String url, QueueAttributeName name) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(name)).attributes().get(name);
    }
}
