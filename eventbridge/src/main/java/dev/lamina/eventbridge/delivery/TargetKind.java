package dev.lamina.eventbridge.delivery;

/** What a target's ARN names, which decides how it is delivered to. */
enum TargetKind {
    LAMBDA, SQS, EVENT_BUS, STATE_MACHINE, OTHER;

    static TargetKind of(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return OTHER;
        }
        return switch (parts[2]) {
            case "lambda" -> parts[5].startsWith("function:") ? LAMBDA : OTHER;
            case "sqs" -> SQS;
            case "events" -> parts[5].startsWith("event-bus/") ? EVENT_BUS : OTHER;
            case "states" -> parts[5].startsWith("stateMachine:") ? STATE_MACHINE : OTHER;
            default -> OTHER;
        };
    }
}
