package dev.lamina.sqs;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The built-in SQS's settings, read once in Main.
 *
 * @param directory  where the queues' data lives (inside Lamina's data directory)
 * @param endpoint   Lamina's own endpoint, for QueueUrls given out without a caller (QueueInfo.url)
 */
public record SqsSettings(Region region, AccountId account, Path directory, URI endpoint) {
    public SqsSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(directory);
        Objects.requireNonNull(endpoint);
    }
}
