package dev.lamina.gateway.web;

import java.util.Optional;

/**
 * SigV4 verification for front doors, implemented by the edge (which owns SigV4 and the keys).
 */
public interface SignatureCheck {

    /**
     * The signer of {@code request}, signed for {@code signingName} ({@code lambda} for function URLs);
     * empty when the request carries no signature at all.
     *
     * @throws Rejected when it carries one that does not verify (wrong key, signature, scope or time)
     */
    Optional<IamCaller> verify(WebRequest request, String signingName) throws Rejected;

    /** A signature was present and wrong; the message says why, as AWS's would. */
    final class Rejected extends Exception {
        public Rejected(String message) {
            super(message);
        }
    }

    /**
     * Whether {@code caller} may perform {@code action} on {@code resourceArn}: for a function's ARN
     * ({@code lambda:InvokeFunctionUrl}, qualified or not) as every Lambda API call is, the caller's
     * identity policies together with the function's resource policy, with the condition keys of a
     * signed function URL request; for any other resource ({@code execute-api:Invoke} on a method's
     * ARN) the identity policies alone. The root may do everything.
     */
    boolean allows(IamCaller caller, String action, String resourceArn);
}
