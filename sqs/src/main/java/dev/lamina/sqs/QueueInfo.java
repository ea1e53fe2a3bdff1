package dev.lamina.sqs;

import java.time.Duration;
import java.util.Optional;

/**
 * What other services need to know of a queue.
 *
 * @param url               the queue's URL as Lamina's API answers it to a caller on the host
 * @param redriveTargetArn  the dead-letter queue of its RedrivePolicy, if any
 * @param maxReceiveCount   the RedrivePolicy's maxReceiveCount (0 without one)
 */
public record QueueInfo(String name, String arn, String url, boolean fifo, Duration visibilityTimeout,
                        Optional<String> redriveTargetArn, int maxReceiveCount) {
}
