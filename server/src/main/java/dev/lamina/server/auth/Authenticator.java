package dev.lamina.server.auth;

import dev.lamina.server.http.ApiRequest;

/**
 * The single place where API requests are authenticated. Every route except the public ones
 * ({@code /health}, presigned package downloads) passes through it before its operation runs.
 */
public interface Authenticator {
    /**
     * @throws dev.lamina.model.LambdaException with AWS's authentication errors when the request
     *         may not proceed
     */
    Caller authenticate(ApiRequest request);
}
