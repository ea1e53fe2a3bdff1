package dev.lamina.workflows.tasks;

import dev.lamina.invoke.Invoker;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;

import java.util.Optional;

/** Lambda's execution side as Task states use it: {@link Invoker}, behind an interface so that tests can stand in. */
interface FunctionCalls {

    /** @throws dev.lamina.model.LambdaException when the function cannot be invoked at all */
    Invoker.Result invoke(Invoker.Request request) throws InterruptedException;

    /** @return the version an invocation would run; @throws dev.lamina.model.LambdaException as {@link #invoke} */
    String check(FunctionRef function, Optional<Qualifier> qualifier);

    static FunctionCalls of(Invoker invoker) {
        return new FunctionCalls() {
            @Override
            public Invoker.Result invoke(Invoker.Request request) throws InterruptedException {
                return invoker.invoke(request);
            }

            @Override
            public String check(FunctionRef function, Optional<Qualifier> qualifier) {
                return invoker.check(function, qualifier);
            }
        };
    }
}
