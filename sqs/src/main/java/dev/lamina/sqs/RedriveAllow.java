package dev.lamina.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** A dead-letter queue's RedriveAllowPolicy: which source queues may name it (allowAll by default). */
record RedriveAllow(String permission, List<String> sourceQueueArns) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final RedriveAllow ALLOW_ALL = new RedriveAllow("allowAll", List.of());

    static RedriveAllow parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("redrivePermission").isTextual()) {
            throw SqsErrors.invalidValue("RedriveAllowPolicy", text, "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
        }
        String permission = node.get("redrivePermission").asText();
        List<String> arns = new ArrayList<>();
        node.path("sourceQueueArns").forEach(n -> arns.add(n.asText()));
        switch (permission) {
            case "allowAll", "denyAll" -> {
                if (!arns.isEmpty()) {
                    throw SqsErrors.invalidValue("RedriveAllowPolicy", text,
                            "Amazon SQS can't create the redrive allow policy. To specify one or more source queues, you must set redrivePermission to byQueue.");
                }
            }
            case "byQueue" -> {
                if (arns.isEmpty() || arns.size() > 10) {
                    throw SqsErrors.invalidValue("RedriveAllowPolicy", text,
                            "Amazon SQS can't create the redrive allow policy. When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values, and at most 10.");
                }
            }
            default -> throw SqsErrors.invalidValue("RedriveAllowPolicy", text,
                    "Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
        }
        return new RedriveAllow(permission, List.copyOf(arns));
    }

    boolean allows(String sourceArn) {
        return switch (permission) {
            case "allowAll" -> true;
            case "byQueue" -> sourceQueueArns.contains(sourceArn);
            default -> false;
        };
    }
}
