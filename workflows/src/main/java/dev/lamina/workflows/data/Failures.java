package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * AWS's failures of a state's own data, word for word: every one starts with
 * {@code An error occurred while executing the state 'S' (entered at the event id #N). }.
 */
final class Failures {
    private Failures() {
    }

    /** Which state is evaluating: its name and the id of its *StateEntered event. */
    record Where(String state, long enteredEventId) {
        String prefix() {
            return "An error occurred while executing the state '" + state + "' (entered at the event id #"
                    + enteredEventId + "). ";
        }

        StatesError runtime(String message) {
            return new StatesError(ErrorNames.RUNTIME, prefix() + message);
        }

        StatesError intrinsic(String message) {
            return new StatesError(ErrorNames.INTRINSIC_FAILURE, prefix() + message);
        }

        /** A path in a payload template (or a *Path field read the same way) that matched nothing. */
        StatesError pathNotFound(String path, String field, JsonNode input) {
            return runtime("The JSONPath '" + path + "' specified for the field '" + field
                    + "' could not be found in the input '" + input + "'");
        }

        /** InputPath, OutputPath, TimeoutSecondsPath…: AWS quotes Jayway's own message. */
        StatesError invalidPath(String path, Paths.NotFound e) {
            return runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }
}
