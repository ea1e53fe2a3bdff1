package dev.lamina.sqs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What SQS accepts in a message, checked before anything changes: the body's characters, the attributes'
 * count, names, types and values, the size against the queue's MaximumMessageSize, and the FIFO rules
 * (a group id, a deduplication id or content-based deduplication, no per-message delay).
 */
final class MessageRules {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern GROUP_OR_DEDUP = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");
    private static final BigDecimal NUMBER_MAX = new BigDecimal("1E126");
    private static final BigDecimal NUMBER_MIN = new BigDecimal("-1E128");

    private MessageRules() {
    }

    static void check(Queue q, OutgoingMessage m) {
        body(m.body());
        attributes(m.attributes());
        long size = m.body().getBytes(StandardCharsets.UTF_8).length + attributesSize(m.attributes());
        if (size > q.config.maximumMessageSize()) {
            throw SqsErrors.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than "
                    + q.config.maximumMessageSize() + " bytes.");
        }
        m.delay().ifPresent(d -> {
            if (d.isNegative() || d.getSeconds() > 900) {
                throw SqsErrors.invalidValue("DelaySeconds", d.getSeconds(), "DelaySeconds must be >= 0 and <= 900.");
            }
            if (q.fifo) {
                throw SqsErrors.invalidValue("DelaySeconds", d.getSeconds(), "The request include parameter that is not valid for this queue type.");
            }
        });
        m.groupId().ifPresent(g -> token("MessageGroupId", g));
        m.deduplicationId().ifPresent(d -> token("MessageDeduplicationId", d));
        if (q.fifo) {
            if (m.groupId().isEmpty()) {
                throw SqsErrors.missingParameter("MessageGroupId");
            }
            if (m.deduplicationId().isEmpty() && !q.config.contentBasedDeduplication()) {
                throw SqsErrors.invalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        } else if (m.deduplicationId().isPresent()) {
            throw SqsErrors.invalidValue("MessageDeduplicationId", m.deduplicationId().get(),
                    "The request include parameter that is not valid for this queue type");
        }
    }

    /** The body is not empty and holds only #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
    static void body(String body) {
        if (body.isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            boolean lone = Character.isSurrogate(body.charAt(i)) && Character.charCount(c) == 1;
            if (lone || !(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF))) {
                throw SqsErrors.invalidMessageContents("Invalid binary character '#x" + Integer.toHexString(c).toUpperCase()
                        + "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF"
                        + " | #xE000 to #xFFFD | #x10000 to #x10FFFF");
            }
            i += Character.charCount(c);
        }
    }

    static void attributes(Map<String, MessageAttribute> attributes) {
        if (attributes.size() > 10) {
            throw SqsErrors.invalidParameterValue("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [10].");
        }
        attributes.forEach(MessageRules::attribute);
    }

    private static void attribute(String name, MessageAttribute a) {
        String lower = name.toLowerCase();
        if (!ATTRIBUTE_NAME.matcher(name).matches() || lower.startsWith("aws.") || lower.startsWith("amazon.")
                || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw SqsErrors.invalidParameterValue("Message (user) attribute name '" + name + "' is invalid. Attribute names can"
                    + " contain only alphanumeric characters, hyphens, underscores and periods, can't start or end with a period,"
                    + " can't have successive periods, and can't start with AWS. or Amazon.");
        }
        String type = a.dataType();
        String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        if (type.length() > 256 || !(base.equals("String") || base.equals("Number") || base.equals("Binary"))
                || (type.contains(".") && type.length() == base.length() + 1)) {
            throw SqsErrors.invalidParameterValue("The type of message (user) attribute '" + name
                    + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        }
        if (base.equals("Binary")) {
            if (a.binaryValue().isEmpty() || a.binaryValue().get().length == 0) {
                throw SqsErrors.invalidParameterValue("Message (user) attribute '" + name + "' must contain a non-empty value of type 'Binary'.");
            }
            return;
        }
        String value = a.stringValue().orElse("");
        if (value.isEmpty()) {
            throw SqsErrors.invalidParameterValue("Message (user) attribute '" + name + "' must contain a non-empty value of type '" + base + "'.");
        }
        if (base.equals("Number")) {
            BigDecimal n;
            try {
                n = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw SqsErrors.invalidParameterValue("Can't cast the value of message (user) attribute '" + name + "' to a number.");
            }
            if (n.precision() > 38 || n.compareTo(NUMBER_MAX) > 0 || n.compareTo(NUMBER_MIN) < 0) {
                throw SqsErrors.invalidParameterValue("Value of message (user) attribute '" + name + "' is out of the allowed range.");
            }
        } else {
            body(value);
        }
    }

    /** What attributes count against MaximumMessageSize: names, types and values. */
    static long attributesSize(Map<String, MessageAttribute> attributes) {
        long size = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + a.dataType().getBytes(StandardCharsets.UTF_8).length;
            size += a.binaryValue().map(b -> b.length).orElse(0);
            size += a.stringValue().map(s -> s.getBytes(StandardCharsets.UTF_8).length).orElse(0);
        }
        return size;
    }

    private static void token(String parameter, String value) {
        if (!GROUP_OR_DEDUP.matcher(value).matches()) {
            throw SqsErrors.invalidValue(parameter, value, parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }
}
