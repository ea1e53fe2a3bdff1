package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.sqs.SqsErrors;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * AddPermission and RemovePermission as SQS does them: a statement per label (its Sid) in the queue's
 * Policy attribute, allowing the accounts' roots the {@code SQS:<Action>}s on the queue.
 */
final class Permissions {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("*", "SendMessage", "ReceiveMessage", "DeleteMessage",
            "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "PurgeQueue",
            "ListQueueTags", "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch");

    private Permissions() {
    }

    static String add(String policy, String queueArn, String label, List<String> accounts, List<String> actions) {
        if (!label.matches("[A-Za-z0-9_-]{1,80}")) {
            throw SqsErrors.invalidValue("Label", label, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        for (String action : actions) {
            if (!ACTIONS.contains(action)) {
                throw SqsErrors.invalidValue("Actions", action, "Only the queue owner is allowed to invoke this action.");
            }
        }
        ObjectNode root = parse(policy, queueArn);
        ArrayNode statements = root.withArray("Statement");
        for (JsonNode s : statements) {
            if (label.equals(s.path("Sid").asText())) {
                throw SqsErrors.invalidValue("Label", label, "Already exists.");
            }
        }
        ObjectNode s = statements.addObject().put("Sid", label).put("Effect", "Allow");
        ObjectNode principal = s.putObject("Principal");
        if (accounts.size() == 1) {
            principal.put("AWS", "arn:aws:iam::" + accounts.get(0) + ":root");
        } else {
            ArrayNode aws = principal.putArray("AWS");
            accounts.forEach(a -> aws.add("arn:aws:iam::" + a + ":root"));
        }
        if (actions.size() == 1) {
            s.put("Action", "SQS:" + actions.get(0));
        } else {
            ArrayNode a = s.putArray("Action");
            actions.forEach(x -> a.add("SQS:" + x));
        }
        s.put("Resource", queueArn);
        return root.toString();
    }

    /** The policy without the label's statement; empty (no policy) when none is left. */
    static String remove(String policy, String label) {
        ObjectNode root = policy.isEmpty() ? null : parse(policy, "");
        boolean found = false;
        if (root != null) {
            for (Iterator<JsonNode> it = root.withArray("Statement").iterator(); it.hasNext(); ) {
                if (label.equals(it.next().path("Sid").asText())) {
                    it.remove();
                    found = true;
                }
            }
        }
        if (!found) {
            throw SqsErrors.invalidValue("Label", label, "can't find label on existing policy.");
        }
        return root.withArray("Statement").isEmpty() ? "" : root.toString();
    }

    private static ObjectNode parse(String policy, String queueArn) {
        if (!policy.isEmpty()) {
            try {
                JsonNode n = MAPPER.readTree(policy);
                if (n instanceof ObjectNode o) {
                    return o;
                }
            } catch (Exception e) {
                // an unreadable policy is replaced, as a fresh one would be
            }
        }
        return MAPPER.createObjectNode().put("Version", "2012-10-17").put("Id", queueArn + "/SQSDefaultPolicy");
    }
}
