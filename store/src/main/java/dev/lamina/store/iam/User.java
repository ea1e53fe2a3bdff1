package dev.lamina.store.iam;

import java.time.Instant;

/** A user of this account: a name (IAM's user name rules), an id AWS-style ({@code AIDA…}). */
public record User(String name, String userId, Instant createdAt) {
}
