package dev.lamina.eventbridge;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

/**
 * The ARNs EventBridge and Scheduler give out, as AWS writes them: a rule on the default bus is
 * {@code …:rule/<rule>}, on a custom bus {@code …:rule/<bus>/<rule>}.
 */
public record Arns(Region region, AccountId account) {
    public static final String DEFAULT_BUS = "default";

    public String bus(String bus) {
        return "arn:aws:events:" + region.name() + ":" + account.id() + ":event-bus/" + bus;
    }

    public String rule(String bus, String rule) {
        String prefix = "arn:aws:events:" + region.name() + ":" + account.id() + ":rule/";
        return bus.equals(DEFAULT_BUS) ? prefix + rule : prefix + bus + "/" + rule;
    }

    public String scheduleGroup(String group) {
        return "arn:aws:scheduler:" + region.name() + ":" + account.id() + ":schedule-group/" + group;
    }

    public String schedule(String group, String name) {
        return "arn:aws:scheduler:" + region.name() + ":" + account.id() + ":schedule/" + group + "/" + name;
    }
}
