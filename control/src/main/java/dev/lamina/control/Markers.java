package dev.lamina.control;

import dev.lamina.model.LambdaException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Pagination markers: opaque to callers, they carry the key of the last item of a page. A marker
 * that was not issued by Lamina is refused as AWS refuses it.
 */
final class Markers {
    /** AWS returns at most 50 items per page of its list operations. */
    static final int MAX_PAGE = 50;
    private static final String PREFIX = "lamina1:";

    private Markers() {
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key inside a marker, empty when no marker was given. */
    static Optional<String> decode(Optional<String> marker) {
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker.get()), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Optional.of(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not base64: fall through
        }
        throw LambdaException.invalidParameter("Invalid marker: " + marker.get());
    }

    /** The page size to use for a caller's MaxItems. */
    static int pageSize(Optional<Integer> maxItems) {
        return Math.min(maxItems.orElse(MAX_PAGE), MAX_PAGE);
    }
}
