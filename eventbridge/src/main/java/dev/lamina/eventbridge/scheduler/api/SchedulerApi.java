package dev.lamina.eventbridge.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.Set;

/**
 * Scheduler's API as the edge's rest-json codec calls it: input and output are JSON trees keyed by
 * the model's member names (the codec maps URI labels, query strings and headers to and from them);
 * errors are {@link ServiceException}s with Scheduler's codes and statuses.
 */
public interface SchedulerApi {

    /** The botocore model of this API, a resource of this module. */
    String MODEL = "dev/lamina/eventbridge/api/scheduler.json";

    Set<String> operations();

    /** The IAM resource an operation with this input acts on: the schedule's or group's ARN, or {@code *}. */
    String resource(String operation, ObjectNode input);

    JsonNode handle(String operation, ObjectNode input) throws ServiceException;
}
