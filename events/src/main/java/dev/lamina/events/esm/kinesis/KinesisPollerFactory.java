package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.MappingSettings;
import dev.lamina.events.esm.PollerContext;
import dev.lamina.events.esm.PollerFactory;
import dev.lamina.events.esm.SourcePoller;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the pollers of Kinesis data stream mappings. One Kinesis client per region (a stream's ARN
 * names the region its requests are signed for), shared by the pollers; closed with the factory,
 * after the pollers.
 *
 * <p>The SDK speaks CBOR to Kinesis by default. It stays on: Kinesis itself and kinesis-mock (which
 * LocalStack also runs) accept it, and turning it off is a JVM-wide system property
 * ({@code aws.cborEnabled}) that would change every other Kinesis client in the process. kinesalite
 * answers GetRecords in CBOR that the SDK v2 cannot read, so it is not a supported server.
 */
public final class KinesisPollerFactory implements PollerFactory, AutoCloseable {
    private final KinesisSettings settings;
    private final Tuning tuning;
    private final Map<String, KinesisClient> clients = new ConcurrentHashMap<>();

    public KinesisPollerFactory(KinesisSettings settings) {
        this(settings, Tuning.DEFAULTS);
    }

    KinesisPollerFactory(KinesisSettings settings, Tuning tuning) {
        this.settings = settings;
        this.tuning = tuning;
    }

    @Override
    public boolean handles(MappingSettings mapping) {
        return mapping.kinesis();
    }

    /**
     * A poller for the mapping; when no endpoint is configured (a mapping stored before a restart
     * without one), a poller that only reports that its source cannot be read.
     */
    @Override
    public SourcePoller create(PollerContext context) {
        String arn = context.settings().eventSourceArn().orElseThrow();
        StreamArn stream = StreamArn.parse(arn);
        if (settings.endpoint().isEmpty()) {
            return new SourcePoller() {
                @Override
                public void start() {
                    context.status().sourceUnavailable("Lamina has no Kinesis endpoint configured "
                            + "(--kinesis-endpoint or LAMINA_KINESIS_ENDPOINT)");
                }

                @Override
                public void close() {
                }
            };
        }
        KinesisClient client = clients.computeIfAbsent(stream.region(), this::client);
        return new KinesisPoller(context, new StreamSource(client, stream), tuning);
    }

    private KinesisClient client(String region) {
        return KinesisClient.builder()
                .endpointOverride(settings.endpoint().orElseThrow())
                .region(Region.of(region))
                .credentialsProvider(settings.credentials())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Closes the clients; the pollers are closed first (by the mapping supervisor). */
    @Override
    public void close() {
        clients.values().forEach(KinesisClient::close);
        clients.clear();
    }
}
