package dev.lamina.workflows.asl;

import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type may have, and which of them belong to one query language only.
 * A field outside its type's set is AWS's {@code Field 'X' is not supported}; a field of the other
 * language is {@code The QueryLanguage is set to 'JSONPath', but field 'X' is only supported for
 * the 'JSONata' QueryLanguage} (and the reverse).
 */
final class StateFields {
    private StateFields() {
    }

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath");

    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    private static final Map<StateType, Set<String>> ALLOWED = Map.of(
            StateType.PASS, Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result",
                    "Assign", "Output"),
            StateType.TASK, Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
                    "HeartbeatSecondsPath", "Retry", "Catch", "Credentials", "Arguments", "Output", "Assign"),
            StateType.CHOICE, Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign", "Output"),
            StateType.WAIT, Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath",
                    "TimestampPath", "Assign", "Output"),
            StateType.SUCCEED, Set.of("InputPath", "OutputPath", "Output"),
            StateType.FAIL, Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            StateType.PARALLEL, Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector",
                    "ResultPath", "Branches", "Retry", "Catch", "Arguments", "Output", "Assign"),
            StateType.MAP, Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ItemSelector",
                    "ResultSelector", "ResultPath", "ItemsPath", "Items", "Iterator", "ItemProcessor",
                    "MaxConcurrency", "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter",
                    "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                    "ToleratedFailurePercentagePath", "Label", "Retry", "Catch", "Arguments", "Output", "Assign"));

    static boolean allowed(StateType type, String field) {
        return COMMON.contains(field) || ALLOWED.get(type).contains(field);
    }

    /** Whether a state of this type ends or continues (Next/End); Choice, Succeed and Fail do neither. */
    static boolean transitions(StateType type) {
        return type != StateType.CHOICE && type != StateType.SUCCEED && type != StateType.FAIL;
    }
}
