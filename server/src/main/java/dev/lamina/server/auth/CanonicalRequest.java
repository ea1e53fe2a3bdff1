package dev.lamina.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The canonical request of SigV4 for services other than S3: the path normalized (dot segments
 * removed, empty segments folded) and URI-encoded once more on top of its wire encoding; the query
 * parameters encoded and sorted; the signed headers lower-cased with their values trimmed and inner
 * runs of spaces folded to one.
 */
final class CanonicalRequest {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * @param rawPath       the path exactly as it came on the wire, still percent-encoded
     * @param query         the decoded query parameters; {@code X-Amz-Signature} is left out when presigned
     * @param header        every value of a header, each folded and then joined with commas
     *                      ({@link dev.lamina.server.http.HeaderValues#joined}), looked up case-insensitively
     * @param signedHeaders the names as the client listed them in SignedHeaders
     */
    static String of(String method, String rawPath, List<QueryString.Param> query, boolean presigned,
                     Function<String, Optional<String>> header, List<String> signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n').append(uri(rawPath)).append('\n').append(query(query, presigned)).append('\n');
        for (String name : signedHeaders) {
            out.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(headerValue(header.apply(name).orElse(""))).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return out.toString();
    }

    static String uri(String rawPath) {
        String normalized = normalize(rawPath);
        return encode(normalized, true);
    }

    /** RFC 3986 dot-segment removal, and empty segments dropped, as the SDKs do for non-S3 services. */
    static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            switch (segment) {
                case "", "." -> {
                }
                case ".." -> kept.pollLast();
                default -> kept.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) {
            out.append('/').append(segment);
        }
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        if (out.isEmpty() || trailing) {
            out.append('/');
        }
        return out.toString();
    }

    private static String query(List<QueryString.Param> params, boolean presigned) {
        return params.stream()
                .filter(p -> !(presigned && p.name().equals("X-Amz-Signature")))
                .map(p -> new String[] {encode(p.name(), false), encode(p.value(), false)})
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .map(p -> p[0] + "=" + p[1])
                .collect(Collectors.joining("&"));
    }

    /** Trimmed, with every run of spaces and tabs inside folded to one space. */
    static String headerValue(String value) {
        return dev.lamina.server.http.HeaderValues.fold(value);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/', in paths). */
    static String encode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
