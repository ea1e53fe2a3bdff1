package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an integration tells the engine while a Task runs, for the history: that the work started
 * (TaskStarted, LambdaFunctionStarted) and, for {@code .sync} and {@code .waitForTaskToken}, that it
 * was submitted with this output (TaskSubmitted) and is now being waited for.
 */
public interface TaskListener {
    void started();

    void submitted(JsonNode output);

    TaskListener NONE = new TaskListener() {
        @Override
        public void started() {
        }

        @Override
        public void submitted(JsonNode output) {
        }
    };
}
