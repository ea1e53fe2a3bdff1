package dev.lamina.store.events;

import java.time.Instant;

/**
 * A task as the log holds it.
 *
 * @param attempts how many times it was tried and failed in a way that counts (function errors for
 *                 invocations, delivery failures for messages)
 * @param dueAt    the earliest it may be tried next
 */
public record QueuedTask(long id, Task task, int attempts, Instant dueAt) {
}
