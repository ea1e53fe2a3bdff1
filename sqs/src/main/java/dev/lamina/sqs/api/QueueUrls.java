package dev.lamina.sqs.api;

import dev.lamina.sqs.Engine;

import java.util.Optional;

/**
 * Queue URLs, {@code <endpoint>/<account>/<name>}: answered on the caller's endpoint, and resolved by
 * their path alone, whatever the host, so that a URL given to the host works inside a sandbox too.
 */
final class QueueUrls {
    private QueueUrls() {
    }

    static String url(String endpoint, String account, String name) {
        return endpoint.replaceAll("/+$", "") + "/" + account + "/" + name;
    }

    /** The queue name of a URL of this account, if it has the shape of one. */
    static Optional<String> name(String url, String account) {
        String path = url;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length < 2 || !parts[parts.length - 2].equals(account) || !Engine.validName(parts[parts.length - 1])) {
            return Optional.empty();
        }
        return Optional.of(parts[parts.length - 1]);
    }
}
