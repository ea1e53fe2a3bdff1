package dev.lamina.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.ServiceException;

import java.util.Set;

/**
 * A control-plane API of API Gateway (REST APIs: {@code apigateway}; HTTP APIs: {@code apigatewayv2})
 * as the edge's rest-json codec calls it: the input and output are JSON trees keyed by the model's
 * member names (the codec maps URI labels, query strings, headers and locationName/jsonName keys
 * to and from them); errors are {@link ServiceException}s with API Gateway's codes and statuses
 * ({@code NotFoundException} 404, {@code BadRequestException} 400, {@code ConflictException} 409, …).
 */
public interface GatewayOperations {

    /** The botocore model of this API, a resource of this module ({@code dev/lamina/gateway/api/…}). */
    String modelResource();

    /** The operations of the model this API answers; the codec answers others as unknown. */
    Set<String> operations();

    /** The IAM resource an operation with this input acts on ({@code arn:aws:apigateway:<region>::/restapis/<id>}, or {@code *}). */
    String resource(String operation, ObjectNode input);

    /**
     * Runs one operation.
     *
     * @param endpoint {@code http://} and the Host the caller used, for URLs that lead back here (ApiEndpoint)
     */
    JsonNode handle(String operation, ObjectNode input, String endpoint) throws ServiceException;
}
