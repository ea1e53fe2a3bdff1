package dev.lamina.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The SQS API's operations as plain Java: each takes the operation's input as the JSON protocol's
 * document (shared/aws-models/sqs-2012-11-05, the same tree the server's query-protocol codec builds
 * from form parameters) and answers its output document. Validation is complete before anything
 * changes; errors are {@link dev.lamina.model.ServiceException}s with SQS's codes (with their query
 * codes, since SQS is awsQueryCompatible). No HTTP types.
 */
public interface SqsApi {

    /** The names of the operations it answers (SendMessage, …). */
    Set<String> operations();

    /**
     * The IAM resource the call acts on, for {@code sqs:<Operation>}: the queue's ARN (from QueueUrl or
     * QueueName), or {@code *} (ListQueues). Never throws: a malformed input yields {@code *} and
     * {@link #handle} refuses it.
     */
    String resource(String operation, ObjectNode input);

    /** Runs one call. */
    JsonNode handle(SqsCall call);
}
