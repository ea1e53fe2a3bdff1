package dev.lamina.store.iam;

import dev.lamina.model.FunctionName;

import java.util.Optional;

/**
 * Functions' resource-based policies. Deleting a function, a version or an alias deletes its
 * policies with it (in the function, version and alias repositories).
 */
public interface FunctionPolicyRepository {
    Optional<FunctionPolicy> find(FunctionName function, String qualifier);

    /** Inserts or replaces the policy of its function and qualifier. */
    void put(FunctionPolicy policy);

    boolean delete(FunctionName function, String qualifier);
}
