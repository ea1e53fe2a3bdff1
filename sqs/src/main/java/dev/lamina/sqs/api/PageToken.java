package dev.lamina.sqs.api;

import dev.lamina.sqs.SqsErrors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A list's NextToken: the last name of the page answered, opaque to the caller. */
final class PageToken {
    private PageToken() {
    }

    static String encode(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastName).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("after:")) {
                return text.substring(6);
            }
        } catch (IllegalArgumentException e) {
            // falls through to AWS's error
        }
        throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
    }
}
