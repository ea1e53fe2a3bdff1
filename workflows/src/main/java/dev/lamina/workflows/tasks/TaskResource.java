package dev.lamina.workflows.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * A Task state's Resource, read:
 * <ul>
 * <li>{@code arn:aws:states:::lambda:invoke[.waitForTaskToken]} → kind SERVICE, service {@code lambda}, action {@code invoke};</li>
 * <li>{@code arn:aws:states:::states:startExecution.sync:2} → SERVICE, {@code states}, {@code startExecution}, pattern SYNC2;</li>
 * <li>{@code arn:aws:states:::aws-sdk:s3:getObject} → SDK, {@code s3}, {@code getObject};</li>
 * <li>{@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]} → LAMBDA_FUNCTION (the
 *     "LambdaFunction*" history events, not "Task*");</li>
 * <li>{@code arn:aws:states:<region>:<account>:activity:<name>} → ACTIVITY.</li>
 * </ul>
 *
 * @param arn     the Resource as written
 * @param service the integration's service ({@code lambda}, {@code sqs}, {@code events}, {@code states},
 *                or the aws-sdk service name); for LAMBDA_FUNCTION and ACTIVITY, {@code lambda} / {@code activity}
 * @param action  the API action ({@code invoke}, {@code sendMessage}, …); for LAMBDA_FUNCTION / ACTIVITY the ARN
 */
public record TaskResource(String arn, Kind kind, String service, String action, Pattern pattern) {
    public enum Kind { SERVICE, SDK, LAMBDA_FUNCTION, ACTIVITY }

    /** The integration pattern: the suffix of the Resource. */
    public enum Pattern {
        REQUEST_RESPONSE(""), SYNC(".sync"), SYNC2(".sync:2"), WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        Pattern(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public TaskResource {
        Objects.requireNonNull(arn);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(service);
        Objects.requireNonNull(action);
        Objects.requireNonNull(pattern);
    }

    /**
     * The {@code resourceType} and {@code resource} of TaskScheduled/TaskStarted/… event details
     * ({@code lambda} / {@code invoke}, {@code aws-sdk:s3} / {@code getObject}, {@code states} /
     * {@code startExecution.sync:2}).
     */
    public String resourceType() {
        return kind == Kind.SDK ? "aws-sdk:" + service : service;
    }

    public String resourceName() {
        return action + pattern.suffix();
    }

    /** The Resource read, or empty when it is not one of the forms above. */
    public static Optional<TaskResource> parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String service = parts[2];
        String rest = parts[5];
        if (service.equals("lambda") && rest.startsWith("function:")) {
            return Optional.of(new TaskResource(arn, Kind.LAMBDA_FUNCTION, "lambda", arn, Pattern.REQUEST_RESPONSE));
        }
        if (!service.equals("states")) {
            return Optional.empty();
        }
        if (rest.startsWith("activity:")) {
            return Optional.of(new TaskResource(arn, Kind.ACTIVITY, "activity", arn, Pattern.REQUEST_RESPONSE));
        }
        if (!parts[3].isEmpty() || !parts[4].isEmpty()) {
            return Optional.empty();
        }
        Kind kind = Kind.SERVICE;
        if (rest.startsWith("aws-sdk:")) {
            kind = Kind.SDK;
            rest = rest.substring("aws-sdk:".length());
        }
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String svc = rest.substring(0, colon);
        String action = rest.substring(colon + 1);
        Pattern pattern = Pattern.REQUEST_RESPONSE;
        for (Pattern p : new Pattern[]{Pattern.SYNC2, Pattern.SYNC, Pattern.WAIT_FOR_TASK_TOKEN}) {
            if (action.endsWith(p.suffix())) {
                pattern = p;
                action = action.substring(0, action.length() - p.suffix().length());
                break;
            }
        }
        if (action.isEmpty() || action.contains(":")) {
            return Optional.empty();
        }
        return Optional.of(new TaskResource(arn, kind, svc, action, pattern));
    }
}
