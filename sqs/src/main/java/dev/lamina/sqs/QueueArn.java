package dev.lamina.sqs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SQS queue ARN, {@code arn:aws:sqs:<region>:<account>:<name>}. Public for the sqs.api package only. */
public record QueueArn(String region, String account, String name) {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,80}(\\.fifo)?)");

    public static Optional<QueueArn> parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        return m != null && m.matches() ? Optional.of(new QueueArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }
}
