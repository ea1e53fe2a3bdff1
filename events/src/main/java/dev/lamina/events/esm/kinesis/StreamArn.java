package dev.lamina.events.esm.kinesis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis data stream's ARN, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. Stream
 * consumers' ARNs (enhanced fan-out, {@code …/consumer/<name>:<time>}) are not streams and do not parse.
 */
record StreamArn(String arn, String region, String account, String name) {
    private static final Pattern PATTERN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:kinesis:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    /** @throws IllegalArgumentException with a sentence a user can act on */
    static StreamArn parse(String arn) {
        Matcher m = PATTERN.matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            if (arn != null && arn.contains("/consumer/")) {
                throw new IllegalArgumentException("Kinesis stream consumers (enhanced fan-out) are not supported: " + arn
                        + "; map the stream itself");
            }
            throw new IllegalArgumentException("not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>): "
                    + arn);
        }
        return new StreamArn(arn, m.group(1), m.group(2), m.group(3));
    }
}
