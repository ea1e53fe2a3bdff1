package dev.lamina.gateway.api;

import dev.lamina.model.ServiceException;

import java.util.Optional;

/**
 * API Gateway's control-plane errors, the same in both of its APIs (the models' error shapes and
 * their statuses): what the edge's rest-json codec renders as {@code x-amzn-ErrorType} and
 * {@code {"message": …}}.
 */
public final class GatewayErrors {
    private GatewayErrors() {
    }

    public static ServiceException notFound(String message) {
        return new ServiceException("NotFoundException", Optional.empty(), 404, true, message);
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException("BadRequestException", Optional.empty(), 400, true, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException("ConflictException", Optional.empty(), 409, true, message);
    }

    public static ServiceException limitExceeded(String message) {
        return new ServiceException("LimitExceededException", Optional.empty(), 429, true, message);
    }
}
