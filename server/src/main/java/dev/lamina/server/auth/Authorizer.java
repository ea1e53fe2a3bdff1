package dev.lamina.server.auth;

import dev.lamina.server.http.ApiRequest;

/**
 * The single place where an authenticated caller's permission for an operation is decided, right
 * after authentication and before the operation runs (so a refused request changes nothing).
 */
public interface Authorizer {
    /**
     * @param operation the route's name: a Lambda operation ({@code GetFunction}) or an
     *                  administration route ({@code iam:CreateUser})
     * @return the request to run: the same one, or, where the resource is named in the body
     *         (CreateFunction), an equal one whose body was read to find it
     * @throws dev.lamina.model.LambdaException AccessDeniedException when the caller may not
     */
    ApiRequest authorize(Caller caller, String operation, ApiRequest request);

    /**
     * For JSON-protocol services (CloudWatch Logs), whose operations name their resource in the
     * body: whether the caller may perform {@code action} ({@code logs:GetLogEvents}) on
     * {@code resource} (an ARN, or {@code *}). Only identity policies decide; these resources have
     * no resource-based policies.
     *
     * @throws dev.lamina.model.LambdaException AccessDeniedException when the caller may not
     */
    void authorize(Caller caller, String action, String resource);
}
