package dev.lamina.server.auth;

import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.server.http.ApiRequest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requires a SigV4 signature, in the Authorization header or in presigned query parameters, and
 * reads the access key id from its credential scope. It does NOT verify the signature yet: that
 * arrives with the security work, behind this same interface. Documented in docs/SECURITY.md.
 *
 * <p>Until then, a key found in {@link AccessKeys} (a user's) yields that key's caller, so users'
 * identities and policies apply; any other key is still treated as the root's.
 */
public final class SignaturePresenceCheck implements Authenticator {
    private static final Pattern HEADER_CREDENTIAL = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/\\s,]+)/[^,]*,.*Signature=[0-9a-fA-F]+.*", Pattern.DOTALL);

    private final AccessKeys keys;

    public SignaturePresenceCheck(AccessKeys keys) {
        this.keys = keys;
    }

    /** Every key is the root's. */
    public SignaturePresenceCheck() {
        this(id -> Optional.empty());
    }

    @Override
    public Caller authenticate(ApiRequest request) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            Matcher m = HEADER_CREDENTIAL.matcher(authorization.get().trim());
            if (!m.matches()) {
                throw new LambdaException(ErrorCode.INVALID_SIGNATURE,
                        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"
                                + " of the AWS4-HMAC-SHA256 algorithm.");
            }
            return unverified(m.group(1));
        }
        Optional<String> credential = request.queryParam("X-Amz-Credential");
        if (request.queryParam("X-Amz-Algorithm").filter("AWS4-HMAC-SHA256"::equals).isPresent()
                && credential.isPresent() && request.queryParam("X-Amz-Signature").isPresent()) {
            return unverified(credential.get().split("/", 2)[0]);
        }
        throw new LambdaException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    /**
     * Until signatures are verified, a caller whose key is not known is treated as the root, except
     * for keys shaped like users' ({@code AKIA…}): a deleted user's key must not become the root's.
     */
    private Caller unverified(String accessKeyId) {
        Optional<AccessKeys.SigningKey> key = keys.find(accessKeyId);
        if (key.isEmpty() && accessKeyId.startsWith("AKIA")) {
            throw new LambdaException(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        }
        return key.map(AccessKeys.SigningKey::caller)
                .orElseGet(() -> new Caller(accessKeyId, "arn:aws:iam::000000000000:root", Caller.Kind.ROOT));
    }
}
