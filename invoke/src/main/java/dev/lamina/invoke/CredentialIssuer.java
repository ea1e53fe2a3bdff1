package dev.lamina.invoke;

import dev.lamina.model.FunctionName;

/**
 * Issues each execution environment the session credentials of its function's execution role, and
 * takes them back when the environment ends. The server's implementation makes them valid for
 * Lamina's own API, with the role's permissions; they are never shared between environments.
 */
public interface CredentialIssuer {
    /** @param roleArn the function's Role, as configured; a role Lamina does not know grants nothing */
    SessionCredentials issue(FunctionName function, String roleArn);

    /** Called once the environment that held them has ended; later requests signed with them are refused. */
    void revoke(SessionCredentials credentials);
}
