package dev.lamina.eventbridge.delivery;

import dev.lamina.model.ServiceException;

/**
 * Where rules' and schedules' Step Functions targets ({@code arn:aws:states:…:stateMachine:<name>},
 * or a version's or alias's ARN) start executions. Implemented over Step Functions by the
 * composition root, which builds Step Functions after EventBridge and so hands it over late
 * ({@link dev.lamina.eventbridge.EventBridge#stateMachines}).
 */
public interface StateMachineStarter {

    /** Whether the ARN names a state machine (or version, or alias) that exists now. */
    boolean exists(String stateMachineArn);

    /**
     * Starts an execution and returns once it is durable. The same name with the same input (a
     * delivery attempted again after a crash) starts nothing new.
     *
     * @throws ServiceException Step Functions' refusal: StateMachineDoesNotExist, InvalidExecutionInput,
     *                          ExecutionAlreadyExists (the name was used, by this delivery's earlier attempt), …
     */
    void start(String stateMachineArn, String executionName, String input) throws ServiceException;

    /** Before Step Functions is there: no machine exists. */
    StateMachineStarter NONE = new StateMachineStarter() {
        @Override
        public boolean exists(String stateMachineArn) {
            return false;
        }

        @Override
        public void start(String stateMachineArn, String executionName, String input) {
            throw new IllegalStateException("Step Functions is not running yet");
        }
    };
}
