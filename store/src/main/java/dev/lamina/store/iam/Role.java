package dev.lamina.store.iam;

import java.time.Instant;

/** A role: its name, an id ({@code AROA…}) and the identity policy document its sessions get. */
public record Role(String name, String roleId, String policy, Instant createdAt) {
}
