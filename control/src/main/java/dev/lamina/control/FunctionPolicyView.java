package dev.lamina.control;

/** GetPolicy's answer: the policy document as JSON text, and its revision. */
public record FunctionPolicyView(String policy, String revisionId) {
}
