package dev.lamina.control;

import java.util.Optional;

/**
 * What AddPermission adds: one Allow statement for one principal, with the conditions the request
 * named. Checked against the model's constraints at the edge; the principal's form here.
 *
 * @param principal an account id, an IAM ARN, a service principal ({@code s3.amazonaws.com}) or {@code *}
 */
public record PermissionGrant(String statementId, String action, String principal, Optional<String> sourceArn,
                              Optional<String> sourceAccount, Optional<String> principalOrgId,
                              Optional<String> eventSourceToken, Optional<String> functionUrlAuthType,
                              Optional<Boolean> invokedViaFunctionUrl) {
}
