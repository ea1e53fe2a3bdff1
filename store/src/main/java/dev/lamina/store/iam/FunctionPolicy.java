package dev.lamina.store.iam;

import dev.lamina.model.FunctionName;

/**
 * A function's resource-based policy for one qualifier.
 *
 * @param qualifier {@code ""} for the unqualified function, else a version number or alias name
 * @param policy    the policy document as GetPolicy returns it
 */
public record FunctionPolicy(FunctionName function, String qualifier, String policy, String revisionId) {
}
