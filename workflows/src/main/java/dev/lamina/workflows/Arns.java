package dev.lamina.workflows;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.util.Optional;

/**
 * Step Functions' ARNs in this region and account:
 * {@code arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>|:<alias>]},
 * {@code …:execution:<machine>:<name>}, {@code …:express:<machine>:<name>:<id>},
 * {@code …:activity:<name>}, {@code …:mapRun:<machine>/<map label>:<id>}.
 */
public record Arns(Region region, AccountId account) {

    private String prefix() {
        return "arn:aws:states:" + region.name() + ":" + account.id() + ":";
    }

    public String stateMachine(String name) {
        return prefix() + "stateMachine:" + name;
    }

    public String stateMachineVersion(String name, long version) {
        return stateMachine(name) + ":" + version;
    }

    public String stateMachineAlias(String name, String alias) {
        return stateMachine(name) + ":" + alias;
    }

    public String execution(String machineName, String executionName) {
        return prefix() + "execution:" + machineName + ":" + executionName;
    }

    public String expressExecution(String machineName, String executionName, String id) {
        return prefix() + "express:" + machineName + ":" + executionName + ":" + id;
    }

    public String activity(String name) {
        return prefix() + "activity:" + name;
    }

    /** The name a state machine ARN ends in (without version or alias), if it is one of this account's. */
    public Optional<String> stateMachineName(String arn) {
        if (!arn.startsWith(prefix() + "stateMachine:")) {
            return Optional.empty();
        }
        String rest = arn.substring((prefix() + "stateMachine:").length());
        int colon = rest.indexOf(':');
        return Optional.of(colon < 0 ? rest : rest.substring(0, colon));
    }
}
