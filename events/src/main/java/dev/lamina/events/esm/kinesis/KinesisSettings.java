package dev.lamina.events.esm.kinesis;

import dev.lamina.model.Region;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How Lamina reaches Kinesis data streams for event source mappings, read once by the composition
 * root ({@code --kinesis-endpoint}, LAMINA_KINESIS_ENDPOINT, file key {@code kinesis-endpoint}).
 *
 * @param endpoint    the Kinesis-compatible server (kinesis-mock, LocalStack) or Kinesis itself
 *                    ({@code https://kinesis.<region>.amazonaws.com}); empty: Kinesis mappings cannot be created
 * @param region      the region requests are signed for when a stream's ARN does not say
 * @param credentials what requests are signed with
 */
public record KinesisSettings(Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials) {

    public KinesisSettings {
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(region);
        Objects.requireNonNull(credentials);
        endpoint.ifPresent(e -> {
            if (e.getScheme() == null || !(e.getScheme().equals("http") || e.getScheme().equals("https"))
                    || e.getHost() == null) {
                throw new IllegalArgumentException("the Kinesis endpoint is an http(s) address such as "
                        + "http://localhost:4568: " + e);
            }
        });
    }

    /**
     * Settings whose credentials are the AWS SDK's usual local sources (environment, system
     * properties, profile files), else placeholder keys, which Kinesis-compatible servers accept.
     * The SDK's full default chain is not used on purpose: its last links ask the container and
     * instance metadata services over the network, which a laptop or CI machine has not got.
     */
    public static KinesisSettings of(Optional<URI> endpoint, Region region) {
        AwsCredentialsProvider chain = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(),
                ProfileCredentialsProvider.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("lamina", "lamina")));
        return new KinesisSettings(endpoint, region, chain);
    }

    /**
     * Checks, before a mapping is stored, that its Kinesis source can be read at all: the ARN names
     * a stream, and a Kinesis endpoint is configured. Whether the stream exists is not checked: a
     * stream that is missing now is reported on the mapping and retried.
     *
     * @throws IllegalArgumentException with the reason, for an InvalidParameterValueException
     */
    public void checkSource(String eventSourceArn) {
        StreamArn.parse(eventSourceArn);
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("Lamina has no Kinesis endpoint configured, so it cannot read "
                    + eventSourceArn + ": start it with --kinesis-endpoint (or LAMINA_KINESIS_ENDPOINT)");
        }
    }
}
