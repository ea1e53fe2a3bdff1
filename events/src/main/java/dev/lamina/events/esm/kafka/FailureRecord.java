package dev.lamina.events.esm.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.events.esm.MappingSettings;
import java.time.Instant;
import java.util.UUID;

/**
 * The invocation record an OnFailure destination (an SQS queue) gets for a Kafka batch Lambda gave
 * up on: the request and response context of the last invoke and, under {@code KafkaBatchInfo},
 * where the batch's records are in the cluster per partition (first and last offset and
 * timestamp), not the records themselves.
 */
final class FailureRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureRecord() {
    }

    static String json(MappingSettings settings, Batch batch, String condition, int invokes, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", settings.functionArn());
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokes);
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        root.put("version", "1.0");
        root.put("timestamp", now.toString());
        ObjectNode info = root.putObject("KafkaBatchInfo");
        info.put("batchSize", batch.size());
        info.put("bootstrapServers", String.join(",", settings.kafkaBootstrapServers()));
        ObjectNode records = info.putObject("recordsInfo");
        batch.records().forEach((tp, list) -> {
            ObjectNode partition = records.putObject(tp.topic() + "-" + tp.partition());
            partition.put("firstRecordOffset", list.getFirst().offset());
            partition.put("firstRecordTimestamp", list.getFirst().timestamp());
            partition.put("lastRecordOffset", list.getLast().offset());
            partition.put("lastRecordTimestamp", list.getLast().timestamp());
        });
        return root.toString();
    }
}
