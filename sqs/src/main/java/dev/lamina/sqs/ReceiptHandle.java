package dev.lamina.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a receive hands out to name one delivery of a message: the message's ordinal and its receive
 * count at that delivery, so that a handle from an earlier delivery is recognised as stale. Derived from
 * durable fields only, so handles stay valid across restarts.
 */
record ReceiptHandle(String queue, long ordinal, int receiveCount, String messageId) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String encode() {
        return ENCODER.encodeToString(("lamina1 " + queue + " " + ordinal + " " + receiveCount + " " + messageId)
                .getBytes(StandardCharsets.UTF_8));
    }

    static Optional<ReceiptHandle> decode(String text) {
        try {
            String[] parts = new String(DECODER.decode(text), StandardCharsets.UTF_8).split(" ");
            if (parts.length != 5 || !parts[0].equals("lamina1")) {
                return Optional.empty();
            }
            return Optional.of(new ReceiptHandle(parts[1], Long.parseLong(parts[2]), Integer.parseInt(parts[3]), parts[4]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
