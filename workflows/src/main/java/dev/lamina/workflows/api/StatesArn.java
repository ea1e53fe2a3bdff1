package dev.lamina.workflows.api;

import dev.lamina.workflows.StatesErrors;

import java.util.Optional;
import java.util.Set;

/**
 * A Step Functions ARN taken apart: {@code arn:<partition>:states:<region>:<account>:<type>:<path>}.
 * Malformed ARNs and ARNs of the wrong kind are refused with AWS's InvalidArn messages
 * ({@code Invalid Arn: 'Invalid ARN prefix: abc'},
 * {@code Invalid Arn: 'Resource type not valid in this context: execution'}).
 *
 * @param type    {@code stateMachine}, {@code execution}, {@code express}, {@code activity}, {@code mapRun}
 * @param path    what follows the type: {@code <machine>[:<version>|:<alias>]}, {@code <machine>:<execution>}, …
 */
record StatesArn(String arn, String type, String path) {

    static StatesArn parse(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !parts[0].equals("arn") || !parts[1].startsWith("aws") || !parts[2].equals("states")
                || parts[5].isEmpty() || parts[6].isEmpty()) {
            throw StatesErrors.invalidArn("Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
        return new StatesArn(arn, parts[5], parts[6]);
    }

    /** The ARN, which must be of one of {@code types}. */
    static StatesArn parse(String arn, Set<String> types) {
        StatesArn parsed = parse(arn);
        if (!types.contains(parsed.type)) {
            throw wrongType(parsed.type);
        }
        return parsed;
    }

    static RuntimeException wrongType(String type) {
        return StatesErrors.invalidArn("Invalid Arn: 'Resource type not valid in this context: " + type + "'");
    }

    /** The machine's name: the path's first segment. */
    String machineName() {
        int colon = path.indexOf(':');
        return colon < 0 ? path : path.substring(0, colon);
    }

    /** For a state machine ARN: the qualifier after the name (a version number or an alias name), if any. */
    Optional<String> qualifier() {
        int colon = path.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(path.substring(colon + 1));
    }

    /** For a qualified state machine ARN: whether the qualifier is a version number. */
    boolean versioned() {
        return qualifier().map(q -> !q.isEmpty() && q.chars().allMatch(Character::isDigit)).orElse(false);
    }
}
