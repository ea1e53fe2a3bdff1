package dev.lamina.server.auth;

/** Who sent a request, as its signature claims. */
public record Caller(String accessKeyId) {
}
