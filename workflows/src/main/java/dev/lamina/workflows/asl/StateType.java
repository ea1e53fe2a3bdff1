package dev.lamina.workflows.asl;

import java.util.Optional;

/** The eight state types of the Amazon States Language, with the names histories give them. */
public enum StateType {
    PASS("Pass"), TASK("Task"), CHOICE("Choice"), WAIT("Wait"), SUCCEED("Succeed"), FAIL("Fail"),
    PARALLEL("Parallel"), MAP("Map");

    private final String wire;

    StateType(String wire) {
        this.wire = wire;
    }

    /** As definitions spell it ({@code "Type": "Pass"}), and the prefix of its history events ({@code PassStateEntered}). */
    public String wire() {
        return wire;
    }

    public static Optional<StateType> parse(String text) {
        for (StateType t : values()) {
            if (t.wire.equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
