package dev.lamina.events.esm.kinesis;

import dev.lamina.events.esm.MappingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a poller's stream can be read, told to the mapping's status: every failure as
 * {@code sourceUnavailable}, and the way back as {@code processed("No records processed")}, so
 * the mapping no longer shows the old reason.
 */
final class SourceHealth {
    private static final Logger LOG = LoggerFactory.getLogger(SourceHealth.class);

    private final String uuid;
    private final MappingStatus status;
    private final AtomicBoolean down = new AtomicBoolean();

    SourceHealth(String uuid, MappingStatus status) {
        this.uuid = uuid;
        this.status = status;
    }

    void unavailable(Exception e) {
        String reason = reason(e);
        if (down.compareAndSet(false, true)) {
            LOG.warn("mapping {}: the Kinesis stream cannot be read: {}", uuid, reason);
        }
        status.sourceUnavailable(reason);
    }

    void available() {
        if (down.compareAndSet(true, false)) {
            LOG.info("mapping {}: the Kinesis stream can be read again", uuid);
            status.processed("No records processed");
        }
    }

    /** The service's own words (ResourceNotFoundException: Stream … not found) or the client's. */
    static String reason(Exception e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf(" (SDK Attempt Count");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
