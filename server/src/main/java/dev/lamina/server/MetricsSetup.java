package dev.lamina.server;

import dev.lamina.events.AsyncInvocations;
import dev.lamina.invoke.Execution;
import dev.lamina.model.FunctionName;
import dev.lamina.server.auth.Authenticator;
import dev.lamina.server.auth.Authorizer;
import dev.lamina.server.http.ApiHandler;
import dev.lamina.server.http.JsonProtocol;
import dev.lamina.server.http.Router;
import dev.lamina.server.metrics.ManagementListener;
import dev.lamina.server.metrics.Metrics;
import dev.lamina.server.metrics.Platform;
import dev.lamina.store.Store;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The composition root's metrics wiring: what the gauges read, and the management listener. */
final class MetricsSetup {
    private static final int NAMES_PAGE = 1000;

    private MetricsSetup() {
    }

    /** The platform gauges' sources; {@code store} is the untimed one, so scrapes do not show up as store latency. */
    static Platform platform(Execution execution, AsyncInvocations async, Store store) {
        ByGeneration<Set<String>> names = functionNames(store);
        return new Platform() {
            @Override
            public Map<String, Integer> environmentsByState() {
                return execution.environmentsByState();
            }

            @Override
            public Map<String, Integer> stemCells() {
                return execution.stemCells();
            }

            @Override
            public long memoryClaimedMb() {
                return execution.memory().claimedMb();
            }

            @Override
            public long memoryBudgetMb() {
                return execution.memory().budgetMb();
            }

            @Override
            public int queueWaiting() {
                return async.waiting();
            }

            @Override
            public int queueRunning() {
                return async.running();
            }

            @Override
            public Map<String, Integer> concurrentExecutions() {
                Map<String, Integer> out = new HashMap<>();
                execution.concurrentExecutions().forEach((f, n) -> out.put(f.value(), n));
                return out;
            }

            @Override
            public Set<String> functionNames() {
                return names.get();
            }
        };
    }

    /** Every function's name; read again only after a write, since deleting a function is one. */
    private static ByGeneration<Set<String>> functionNames(Store store) {
        return new ByGeneration<>(store::generation, () -> store.read(tx -> {
            Set<String> names = new HashSet<>();
            Optional<FunctionName> after = Optional.empty();
            List<FunctionName> page;
            do {
                page = tx.functions().names(after, NAMES_PAGE);
                page.forEach(n -> names.add(n.value()));
                after = page.isEmpty() ? after : Optional.of(page.getLast());
            } while (page.size() == NAMES_PAGE);
            return names;
        }));
    }

    /** The handler of the server's listeners, and where Prometheus scrapes, if anywhere. */
    record Exposed(Handler handler, Optional<URI> url) {
    }

    /**
     * Where the metrics go: on the API (its router has the route already), nowhere, or on a
     * management connector opened here, whose requests go to {@code /metrics} only while everything
     * else goes to {@code api}. The metrics route is public, so the keys are never asked for there.
     */
    static Exposed expose(Server jetty, MetricsConfig.Exposure exposure, Optional<Metrics> metrics, ApiHandler api,
                          URI endpoint, Authenticator authenticator, Authorizer authorizer) throws Exception {
        if (metrics.isEmpty() || exposure instanceof MetricsConfig.Exposure.Off) {
            return new Exposed(api, Optional.empty());
        }
        if (!(exposure instanceof MetricsConfig.Exposure.Separate address)) {
            return new Exposed(api, Optional.of(endpoint.resolve("/metrics")));
        }
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(address.host());
        connector.setPort(address.port());
        jetty.addConnector(connector);
        connector.open();
        ApiHandler only = new ApiHandler(new Router(List.of(metrics.get().route())), authenticator, authorizer,
                Set.of(Metrics.ROUTE), new JsonProtocol(List.of(), authorizer));
        return new Exposed(new ManagementListener(connector, only, api),
                Optional.of(URI.create("http://" + Main.hostForUrl(address.host()) + ":" + connector.getLocalPort() + "/metrics")));
    }
}
