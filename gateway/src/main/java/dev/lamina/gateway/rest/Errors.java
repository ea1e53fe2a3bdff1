package dev.lamina.gateway.rest;

import dev.lamina.model.ServiceException;

import java.util.Optional;

/** API Gateway's control-plane errors, with its codes and statuses. */
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

    static ServiceException limitExceeded(String message) {
        return new ServiceException("LimitExceededException", Optional.empty(), 429, true, message);
    }
}
