package dev.lamina.workflows.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.StatesError;

/** One integration's attempts, as {@link Integrations#run} describes them. */
interface Integration {
    JsonNode run(TaskCall call, TaskListener listener) throws StatesError, InterruptedException;
}
