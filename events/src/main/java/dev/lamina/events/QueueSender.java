package dev.lamina.events;

import dev.lamina.sqs.MessageAttribute;
import dev.lamina.sqs.OutgoingMessage;
import dev.lamina.sqs.Queues;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends messages to SQS queues named by ARN: destinations and dead-letter queues, and event source
 * mappings' OnFailure destinations. Lamina's built-in queues, or an SQS-compatible endpoint when one
 * is configured.
 */
interface QueueSender extends AutoCloseable {
    /** Sends one message; throws when the queue cannot be reached or refuses it. */
    void send(String queueArn, String body, Map<String, String> attributes) throws Exception;

    @Override
    default void close() {
    }

    /** Attributes sent as SQS Numbers: Lambda's dead-letter messages carry ErrorCode as one. */
    Set<String> NUMBERS = Set.of("ErrorCode");

    /**
     * Lamina's built-in queues: the queue of the ARN's name, in this server's region and account.
     * A queue that does not exist fails the delivery (QueueDoesNotExist), which is retried.
     */
    static QueueSender builtIn(Queues queues) {
        return (arn, body, attributes) -> {
            Map<String, MessageAttribute> typed = new LinkedHashMap<>();
            attributes.forEach((k, v) -> typed.put(k, NUMBERS.contains(k) ? MessageAttribute.number(v)
                    : MessageAttribute.string(v)));
            queues.send(arn, OutgoingMessage.of(body, typed));
        };
    }

    /**
     * The real SQS API, through the AWS SDK, at one endpoint (ElasticMQ, a self-hosted clone, or SQS
     * itself); the ARN's last part names the queue there.
     */
    static QueueSender sqs(URI endpoint, String region, AwsCredentialsProvider credentials) {
        SqsClient client = SqsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(20)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        Map<String, String> urls = new ConcurrentHashMap<>();
        return new QueueSender() {
            @Override
            public void send(String queueArn, String body, Map<String, String> attributes) {
                String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
                String url = urls.computeIfAbsent(name, n -> client.getQueueUrl(b -> b.queueName(n)).queueUrl());
                Map<String, MessageAttributeValue> typed = new LinkedHashMap<>();
                attributes.forEach((k, v) -> typed.put(k, MessageAttributeValue.builder()
                        .dataType(NUMBERS.contains(k) ? "Number" : "String").stringValue(v).build()));
                client.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(typed));
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
