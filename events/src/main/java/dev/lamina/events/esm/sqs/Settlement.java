package dev.lamina.events.esm.sqs;

import dev.lamina.sqs.ReceivedMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which messages of a batch the function's success lets the poller delete: all of them, but those it
 * reported as failed (ReportBatchItemFailures) and, on a FIFO queue, every later message of a failed
 * message's group, so that the group comes back in order after the visibility timeout.
 */
final class Settlement {
    private Settlement() {
    }

    static List<ReceivedMessage> deletable(List<ReceivedMessage> batch, Set<String> failedIds, boolean fifo) {
        Set<String> blockedGroups = new HashSet<>();
        List<ReceivedMessage> out = new ArrayList<>();
        for (ReceivedMessage m : batch) {
            String group = m.attributes().get("MessageGroupId");
            boolean blocked = fifo && group != null && blockedGroups.contains(group);
            if (failedIds.contains(m.messageId()) || blocked) {
                if (fifo && group != null) {
                    blockedGroups.add(group);
                }
                continue;
            }
            out.add(m);
        }
        return out;
    }
}
