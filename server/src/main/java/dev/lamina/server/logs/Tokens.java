package dev.lamina.server.logs;

import dev.lamina.logs.LogEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paging tokens. GetLogEvents' tokens look like CloudWatch's ({@code f/<digits>}, {@code b/<digits>})
 * and name a position in the stream: the forward token the last event returned, the backward token
 * the first. The list operations' tokens are opaque base64 of where the last page ended. A token that
 * does not decode is an InvalidParameterException, never a server error.
 */
final class Tokens {
    private Tokens() {
    }

    static String forward(LogEvent.Position p) {
        return "f/" + digits(p);
    }

    static String backward(LogEvent.Position p) {
        return "b/" + digits(p);
    }

    /** 19 digits of timestamp + 1 and 19 of offset + 1; the start of the stream is all zeros. */
    private static String digits(LogEvent.Position p) {
        if (p.equals(LogEvent.Position.START)) {
            return "0".repeat(38);
        }
        return String.format("%019d%019d", p.timestamp() + 1, p.offset() + 1);
    }

    /** A GetLogEvents token: its direction and position. */
    record StreamToken(boolean forward, LogEvent.Position position) {
    }

    static StreamToken stream(String token) {
        if (token.length() != 40 || !(token.startsWith("f/") || token.startsWith("b/"))
                || !token.substring(2).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid();
        }
        long ts;
        long off;
        try {
            ts = Long.parseLong(token.substring(2, 21));
            off = Long.parseLong(token.substring(21));
        } catch (NumberFormatException tooLarge) {
            throw invalid();
        }
        if (ts == 0 ^ off == 0) {
            throw invalid();
        }
        LogEvent.Position p = ts == 0 ? LogEvent.Position.START : new LogEvent.Position(ts - 1, off - 1);
        return new StreamToken(token.startsWith("f/"), p);
    }

    static String opaque(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String unopaque(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static dev.lamina.server.http.JsonServiceException invalid() {
        return Input.invalidParameter("The specified nextToken is invalid.");
    }
}
