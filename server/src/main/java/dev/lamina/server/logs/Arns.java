package dev.lamina.server.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.util.Optional;

/**
 * CloudWatch Logs' ARNs in one account and region, and the group a request names: by
 * {@code logGroupName}, or by {@code logGroupIdentifier} (a name or a group's ARN), not both.
 */
final class Arns {
    private final String prefix;

    Arns(Region region, AccountId account) {
        this.prefix = "arn:aws:logs:" + region.name() + ":" + account.id() + ":log-group:";
    }

    /** A group's ARN as LogGroup.logGroupArn shows it and the tagging actions are authorized on. */
    String group(String name) {
        return prefix + name;
    }

    /**
     * The resource IAM authorizes a group action on: the group's ARN with {@code :*}, as CloudWatch
     * Logs does (a policy naming the bare ARN grants only the tagging actions).
     */
    String groupResource(String name) {
        return prefix + name + ":*";
    }

    String stream(String group, String stream) {
        return prefix + group + ":log-stream:" + stream;
    }

    /** Every group: the resource DescribeLogGroups is authorized on. */
    String anyGroup() {
        return prefix + "*";
    }

    /** The group named by the request, if it names one (for authorization: nothing is validated yet). */
    Optional<String> namedGroup(ObjectNode input) {
        var name = input.get("logGroupName");
        if (name != null && name.isTextual()) {
            return Optional.of(name.textValue());
        }
        var id = input.get("logGroupIdentifier");
        return id != null && id.isTextual() ? Optional.of(fromIdentifier(id.textValue())) : Optional.empty();
    }

    /**
     * The group a request names, validated: logGroupName or logGroupIdentifier (if {@code identifierToo}).
     */
    String group(Input in, boolean identifierToo) {
        Optional<String> name = in.string("logGroupName", 1, 512, Input.GROUP_NAME);
        Optional<String> id = identifierToo ? in.string("logGroupIdentifier", 1, 2048, Input.GROUP_IDENTIFIER)
                : Optional.empty();
        if (name.isPresent() && id.isPresent()) {
            throw Input.invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (name.isEmpty() && id.isEmpty()) {
            throw identifierToo
                    ? Input.invalidParameter("Should provide either logGroupName or logGroupIdentifier.")
                    : Input.missing("logGroupName");
        }
        return name.orElseGet(() -> fromIdentifier(id.get()));
    }

    /** The group a TagResource-style ARN names, if it is a group's ARN in this account and region. */
    Optional<String> groupOfArn(String arn) {
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(prefix.length());
        return Input.GROUP_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** A name, or the name inside one of this account's group ARNs ({@code …:log-group:NAME[:*]}). */
    private String fromIdentifier(String id) {
        if (!id.startsWith("arn:")) {
            return id;
        }
        if (!id.startsWith(prefix)) {
            return "\0foreign"; // another account's or region's group: no such group here
        }
        String name = id.substring(prefix.length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }
}
