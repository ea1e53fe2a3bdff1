package dev.lamina.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A queue's settable attributes, validated and in canonical form, defaults filled in: what
 * Create/SetQueueAttributes change and GetQueueAttributes answers besides the computed ones. Immutable.
 * Public for the sqs.api package only.
 */
public record QueueConfig(Map<String, String> values) {
    static final Set<String> COMMON = Set.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "Policy",
            "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled");
    static final Set<String> FIFO_ONLY = Set.of("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

    public QueueConfig {
        values = Map.copyOf(values);
    }

    static QueueConfig defaults(boolean fifo) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("DelaySeconds", "0");
        v.put("MaximumMessageSize", "1048576");
        v.put("MessageRetentionPeriod", "345600");
        v.put("ReceiveMessageWaitTimeSeconds", "0");
        v.put("VisibilityTimeout", "30");
        v.put("SqsManagedSseEnabled", "true");
        if (fifo) {
            v.put("FifoQueue", "true");
            v.put("ContentBasedDeduplication", "false");
            v.put("DeduplicationScope", "queue");
            v.put("FifoThroughputLimit", "perQueue");
        }
        return new QueueConfig(v);
    }

    /**
     * Validates attributes given to CreateQueue ({@code creating}) or SetQueueAttributes and answers them
     * in canonical form; an empty RedrivePolicy, RedriveAllowPolicy, Policy or KmsMasterKeyId removes it.
     * Cross-queue rules (the dead-letter queue exists, allows this source, is of the same kind) are the
     * engine's.
     */
    static Map<String, String> validate(Map<String, String> given, boolean fifo, boolean creating) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!COMMON.contains(name) && !(fifo && FIFO_ONLY.contains(name)) && !(name.equals("FifoQueue") && creating)) {
                throw SqsErrors.invalidAttributeName(name);
            }
            out.put(name, switch (name) {
                case "DelaySeconds" -> integer(name, value, 0, 900);
                case "MaximumMessageSize" -> integer(name, value, 1024, 1_048_576);
                case "MessageRetentionPeriod" -> integer(name, value, 60, 1_209_600);
                case "ReceiveMessageWaitTimeSeconds" -> integer(name, value, 0, 20);
                case "VisibilityTimeout" -> integer(name, value, 0, 43_200);
                case "KmsDataKeyReusePeriodSeconds" -> integer(name, value, 60, 86_400);
                case "FifoQueue" -> {
                    if (!creating) {
                        throw SqsErrors.invalidAttributeName(name);
                    }
                    String b = bool(name, value);
                    if (!b.equals(Boolean.toString(fifo))) {
                        throw SqsErrors.invalidAttributeValue(name, fifo ? "" : "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
                    }
                    yield b;
                }
                case "ContentBasedDeduplication", "SqsManagedSseEnabled" -> bool(name, value);
                case "DeduplicationScope" -> oneOf(name, value, "messageGroup", "queue");
                case "FifoThroughputLimit" -> oneOf(name, value, "perQueue", "perMessageGroupId");
                case "RedrivePolicy" -> value.isEmpty() ? "" : Redrive.parse(value).json();
                case "RedriveAllowPolicy" -> {
                    if (!value.isEmpty()) {
                        RedriveAllow.parse(value);
                    }
                    yield value;
                }
                default -> value; // Policy, KmsMasterKeyId: recorded as given
            });
        }
        return out;
    }

    private static String integer(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return Integer.toString(v);
            }
        } catch (NumberFormatException e) {
            // falls through to AWS's error
        }
        throw SqsErrors.invalidAttributeValue(name, "");
    }

    private static String bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase();
        }
        throw SqsErrors.invalidAttributeValue(name, "");
    }

    private static String oneOf(String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw SqsErrors.invalidAttributeValue(name, "");
    }

    /** This configuration with validated changes applied; empty values remove optional attributes. */
    QueueConfig with(Map<String, String> changes) {
        Map<String, String> v = new LinkedHashMap<>(values);
        changes.forEach((k, val) -> {
            if (val.isEmpty() && Set.of("RedrivePolicy", "RedriveAllowPolicy", "Policy", "KmsMasterKeyId").contains(k)) {
                v.remove(k);
            } else {
                v.put(k, val);
            }
        });
        return new QueueConfig(v);
    }

    boolean fifo() {
        return "true".equals(values.get("FifoQueue"));
    }

    int visibilityTimeout() {
        return Integer.parseInt(values.get("VisibilityTimeout"));
    }

    int delaySeconds() {
        return Integer.parseInt(values.get("DelaySeconds"));
    }

    int maximumMessageSize() {
        return Integer.parseInt(values.get("MaximumMessageSize"));
    }

    int retentionSeconds() {
        return Integer.parseInt(values.get("MessageRetentionPeriod"));
    }

    int receiveWaitSeconds() {
        return Integer.parseInt(values.get("ReceiveMessageWaitTimeSeconds"));
    }

    boolean contentBasedDeduplication() {
        return "true".equals(values.get("ContentBasedDeduplication"));
    }

    Optional<Redrive> redrive() {
        return Optional.ofNullable(values.get("RedrivePolicy")).map(Redrive::parse);
    }

    RedriveAllow redriveAllow() {
        return Optional.ofNullable(values.get("RedriveAllowPolicy")).map(RedriveAllow::parse).orElse(RedriveAllow.ALLOW_ALL);
    }
}
