package dev.lamina.server.auth;

import dev.lamina.server.http.ApiRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request claims about its signature, from the {@code Authorization} header or from the
 * presigned {@code X-Amz-*} query parameters. Parsing checks only the shape; {@link SigV4Verifier}
 * decides whether the claims hold.
 *
 * @param amzDate       the request's {@code X-Amz-Date}, as sent
 * @param signedHeaders the names of SignedHeaders, in the client's order
 * @param expires       {@code X-Amz-Expires} of a presigned request, as sent
 */
record SigV4Signature(String accessKeyId, String scopeDate, String region, String service, String terminator,
                      List<String> signedHeaders, String signature, String amzDate, boolean presigned,
                      Optional<String> expires, Optional<String> securityToken) {

    static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    static final List<String> QUERY_PARAMS = List.of("X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date");

    String scope() {
        return scopeDate + "/" + region + "/" + service + "/" + terminator;
    }

    /**
     * The key id, scope and signed headers only: the session token is a credential and the
     * signature lets anyone replay the request, and records end up in logs and assertion messages.
     */
    @Override
    public String toString() {
        return "SigV4Signature[accessKeyId=" + accessKeyId + ", scope=" + scope() + ", signedHeaders=" + signedHeaders
                + "]";
    }

    /**
     * @throws dev.lamina.model.LambdaException MissingAuthenticationTokenException when the request is
     *         not signed at all, IncompleteSignatureException when a part is missing or malformed
     */
    static SigV4Signature of(ApiRequest request, List<QueryString.Param> query) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            return fromHeader(authorization.get(), request);
        }
        if (QUERY_PARAMS.stream().anyMatch(name -> !QueryString.values(query, name).isEmpty())) {
            return fromQuery(query);
        }
        throw SigV4Errors.missingToken();
    }

    private static SigV4Signature fromHeader(String header, ApiRequest request) {
        String value = header.strip();
        int space = indexOfWhitespace(value);
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(SigV4Signing.ALGORITHM)) {
            throw SigV4Errors.incomplete("Unsupported AWS 'algorithm': '" + printable(algorithm) + "'.");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : (space < 0 ? "" : value.substring(space)).split(",", -1)) {
            String pair = part.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw SigV4Errors.incomplete("Invalid key=value pair (missing equal-sign) in Authorization header"
                        + " (hashed with SHA-256 and encoded with Base64): '" + hashed(pair) + "'.");
            }
            if (parts.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw SigV4Errors.incomplete("Authorization header has a duplicate '" + printable(pair.substring(0, eq))
                        + "' parameter.");
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(name)) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        Optional<String> date = request.header("X-Amz-Date");
        if (date.isEmpty()) {
            missing.append("Authorization header requires existence of a 'X-Amz-Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(missing.toString().strip());
        }
        return build(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), date.get(), false,
                Optional.empty(), request.header(SECURITY_TOKEN));
    }

    private static SigV4Signature fromQuery(List<QueryString.Param> query) {
        StringBuilder missing = new StringBuilder();
        for (String name : QUERY_PARAMS) {
            List<String> values = QueryString.values(query, name);
            if (values.isEmpty()) {
                missing.append("AWS query-string parameters must include '").append(name).append("'. ");
            } else if (values.size() > 1) {
                missing.append("AWS query-string parameters must include '").append(name).append("' only once. ");
            }
        }
        for (String name : List.of("X-Amz-Expires", SECURITY_TOKEN)) {
            if (QueryString.values(query, name).size() > 1) {
                missing.append("AWS query-string parameters must include '").append(name).append("' only once. ");
            }
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.incomplete(missing.append("Re-examine the query-string parameters.").toString());
        }
        String algorithm = QueryString.first(query, "X-Amz-Algorithm").orElseThrow();
        if (!algorithm.equals(SigV4Signing.ALGORITHM)) {
            throw SigV4Errors.incomplete("Unsupported AWS 'algorithm': '" + printable(algorithm) + "'.");
        }
        return build(QueryString.first(query, "X-Amz-Credential").orElseThrow(),
                QueryString.first(query, "X-Amz-SignedHeaders").orElseThrow(),
                QueryString.first(query, "X-Amz-Signature").orElseThrow(),
                QueryString.first(query, "X-Amz-Date").orElseThrow(), true,
                QueryString.first(query, "X-Amz-Expires"), QueryString.first(query, SECURITY_TOKEN));
    }

    private static SigV4Signature build(String credential, String signedHeaders, String signature, String amzDate,
                                        boolean presigned, Optional<String> expires, Optional<String> token) {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw SigV4Errors.incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + printable(credential) + "'");
        }
        if (signedHeaders.isEmpty()) {
            throw SigV4Errors.incomplete("Signed headers must not be empty.");
        }
        return new SigV4Signature(scope[0], scope[1], scope[2], scope[3], scope[4],
                List.of(signedHeaders.split(";", -1)), signature, amzDate, presigned, expires, token);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** At most 128 characters of what the client sent, for an error message. */
    static String printable(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128) + "...";
    }

    private static String hashed(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
