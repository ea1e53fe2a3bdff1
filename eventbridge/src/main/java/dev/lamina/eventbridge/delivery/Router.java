package dev.lamina.eventbridge.delivery;

import dev.lamina.eventbridge.input.TargetInput;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.eventbridge.target.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From an event on a bus to the deliveries it owes: one per target of every rule that matches it,
 * with the body that target receives. An event bus target receives the event itself (it is put on
 * that bus unchanged); any other target what its Input, InputPath or InputTransformer makes of it,
 * and nothing when that rendering is dropped.
 */
final class Router {
    private final RuleIndex rules;

    Router(RuleIndex rules) {
        this.rules = rules;
    }

    List<Delivery> route(String bus, String event, Instant acceptedAt) {
        List<Delivery> out = new ArrayList<>();
        for (RuleIndex.RuleMatch match : rules.match(bus, event)) {
            for (Target target : match.targets()) {
                Optional<String> body = TargetKind.of(target.arn()) == TargetKind.EVENT_BUS
                        ? Optional.of(event)
                        : TargetInput.render(target, event, new TargetInput.Source(match.ruleArn(), match.ruleName(),
                        acceptedAt));
                body.ifPresent(b -> out.add(new Delivery(Delivery.Origin.RULE, match.ruleArn(), target, b, acceptedAt)));
            }
        }
        return out;
    }

    /** A bus named by name or by ARN ({@code …:event-bus/<name>}), as EventBusName may be given. */
    static String busName(String nameOrArn) {
        int at = nameOrArn.startsWith("arn:") ? nameOrArn.lastIndexOf(":event-bus/") : -1;
        return at < 0 ? nameOrArn : nameOrArn.substring(at + ":event-bus/".length());
    }
}
