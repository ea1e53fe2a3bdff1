package dev.lamina.gateway.v2;

import dev.lamina.model.ServiceException;

import java.util.Optional;

/** API Gateway's errors as apigatewayv2 names them (the model's error shapes and their statuses). */
final class Errors {
    private Errors() {
    }

    static ServiceException notFound(String message) {
        return new ServiceException("NotFoundException", Optional.empty(), 404, true, message);
    }

    static ServiceException badRequest(String message) {
        return new ServiceException("BadRequestException", Optional.empty(), 400, true, message);
    }

    static ServiceException conflict(String message) {
        return new ServiceException("ConflictException", Optional.empty(), 409, true, message);
    }
}
