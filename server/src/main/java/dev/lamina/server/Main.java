package dev.lamina.server;

import dev.lamina.control.ControlPlane;
import dev.lamina.control.ControlSettings;
import dev.lamina.events.AsyncInvocations;
import dev.lamina.events.AsyncObserver;
import dev.lamina.events.AsyncSettings;
import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.events.esm.MappingSupervisor;
import dev.lamina.events.esm.PollerFactory;
import dev.lamina.events.esm.kafka.KafkaPollerFactory;
import dev.lamina.events.esm.kinesis.KinesisPollerFactory;
import dev.lamina.events.esm.kinesis.KinesisSettings;
import dev.lamina.events.esm.sqs.SqsPollerFactory;
import dev.lamina.sqs.Sqs;
import dev.lamina.sqs.SqsSettings;
import dev.lamina.invoke.Execution;
import dev.lamina.invoke.InvocationObserver;
import dev.lamina.server.tracing.InvocationTraces;
import dev.lamina.invoke.InvokeSettings;
import dev.lamina.invoke.runtime.Interpreters;
import dev.lamina.logs.LogSettings;
import dev.lamina.logs.LogStore;
import dev.lamina.model.Architecture;
import dev.lamina.sandbox.Identity;
import dev.lamina.sandbox.Sandbox;
import dev.lamina.sandbox.Sandboxes;
import dev.lamina.control.iam.Identities;
import dev.lamina.server.admin.AdminRoutes;
import dev.lamina.server.gateway.GatewayEdge;
import dev.lamina.server.auth.AccessKeys;
import dev.lamina.server.auth.PolicyAuthorizer;
import dev.lamina.server.auth.SigV4Verifier;
import dev.lamina.server.auth.UserAccessKeys;
import dev.lamina.server.auth.RoleSessions;
import dev.lamina.server.http.ApiHandler;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.JsonProtocol;
import dev.lamina.server.eventbridge.EventBridgeEndpoints;
import dev.lamina.server.eventbridge.SchedulerEndpoints;
import dev.lamina.eventbridge.EventBridge;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.EventBridgeSettings;
import dev.lamina.server.workflows.StepFunctionsEndpoints;
import dev.lamina.workflows.Workflows;
import dev.lamina.workflows.WorkflowsContext;
import dev.lamina.workflows.WorkflowsSettings;
import dev.lamina.server.http.QueryProtocol;
import dev.lamina.server.http.ServiceModel;
import dev.lamina.server.sqs.SqsEndpoints;
import dev.lamina.server.http.Route;
import dev.lamina.server.http.Router;
import dev.lamina.server.lambda.LambdaRoutes;
import dev.lamina.server.usage.UsageRoute;
import dev.lamina.server.metrics.Metrics;
import dev.lamina.store.Store;
import dev.lamina.store.TimedStore;
import dev.lamina.server.logs.LogsApi;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.ZipLimits;
import dev.lamina.store.sql.SqliteStore;
import dev.lamina.usage.UsageMeter;
import dev.lamina.usage.UsageReports;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: builds every part of a Lamina server from its {@link ServerConfig} and wires
 * them together by hand. The only place that knows all the concrete classes.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** How long a stop waits for requests in flight. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int PREPARATION_THREADS = 2;

    private Main() {
    }

    /** Starts a server; it answers {@code /health} when this returns. */
    public static LaminaServer start(ServerConfig config) throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            DataDirectory dataDir = DataDirectory.acquire(config.dataDir());
            resources.add(dataDir);
            RootCredentials.Loaded credentials = config.rootCredentials()
                    .map(keys -> new RootCredentials.Loaded(keys, false, null))
                    .orElseGet(() -> RootCredentials.loadOrCreate(dataDir.root()));
            MasterKey masterKey = config.masterKey().orElseGet(() -> MasterKey.loadOrCreate(dataDir.root()));

            // Bound first: functions are told where Lamina is before anything starts.
            Server jetty = jetty(config);
            ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
            connector.open();
            URI endpoint = URI.create("http://" + hostForUrl(config.bind()) + ":" + connector.getLocalPort());

            // Sealed with their own purpose: a value sealed for anything else never opens as variables.
            SqliteStore sqlite = SqliteStore.open(dataDir.database(), masterKey.sealer("environment-variables"));
            resources.add(sqlite);
            // Off means off: nothing measured, no observer on the invoke path, no route.
            Optional<Metrics> metrics = config.metrics().exposure() instanceof MetricsConfig.Exposure.Off
                    ? Optional.empty() : Optional.of(new Metrics(config.metrics().maxLabelSets()));
            Store store = metrics.<Store>map(m -> new TimedStore(sqlite, m.store())).orElse(sqlite);
            // Closed after everything that invokes (added later, closed earlier) and before the store:
            // its last flush writes what the last invocations used.
            UsageMeter usage = UsageMeter.start(store, UsageMeter.FLUSH_INTERVAL);
            resources.add(usage);
            Clock clock = Clock.systemUTC();
            // Before everything that sends to or polls its queues (async destinations, event source
            // mappings), so closed after them: nothing is sent to a closed queue.
            Sqs sqs = Sqs.open(new SqsSettings(config.region(), config.account(), dataDir.sqs(), endpoint), clock);
            resources.add(sqs);
            Architecture host = Architecture.ofHost(System.getProperty("os.arch"))
                    .orElseThrow(() -> new IllegalStateException("Lamina runs on x86_64 or arm64 hosts only"));
            ExecutionConfig exec = config.execution();
            ControlSettings settings = ControlSettings.awsDefaults(config.region(), config.account(), host)
                    .withAccountConcurrency(exec.accountConcurrency());
            CodeStore code = new CodeStore(dataDir.code(), new ZipLimits(settings.maxUnzippedBytes(),
                    ZipLimits.AWS_DEFAULTS.maxEntries(), ZipLimits.AWS_DEFAULTS.maxPathLength()),
                    settings.maxZippedBytes());
            ExecutorService preparation = Executors.newFixedThreadPool(PREPARATION_THREADS,
                    Thread.ofPlatform().name("lamina-prepare-", 0).daemon().factory());
            resources.add(() -> stop(preparation));
            ControlPlane control = new ControlPlane(settings, store, code, preparation, clock);
            control.recover();

            Sandbox sandbox = Sandboxes.detect(new Sandboxes.Options(Path.of("/sys/fs/cgroup"), dataDir.sandboxTmp(),
                    Identity.LAMBDA, exec.plainSandbox(), "root".equals(System.getProperty("user.name"))));
            Interpreters interpreters = Interpreters.detect(exec.interpreters(),
                    Path.of(System.getProperty("java.home")));
            long budgetMb = exec.memoryBudgetMb().orElseGet(Main::defaultMemoryBudgetMb);
            LOG.info("execution environments may take {} MB of memory together, {} concurrent executions",
                    budgetMb, exec.accountConcurrency());
            LogsConfig logsConfig = config.logs();
            LogStore logs = new LogStore(dataDir.logs(), new LogSettings(LogSettings.DEFAULT_MAX_STREAM_BYTES,
                    logsConfig.maxBytes(), LogSettings.DEFAULT_SWEEP_INTERVAL), clock);
            resources.add(logs);
            // Before the execution side, so closed after it: the last invocations' spans are flushed.
            Optional<InvocationTraces> traces = config.traces().otlpEndpoint()
                    .map(e -> InvocationTraces.otlp(e, config.region(), config.account()));
            traces.ifPresent(resources::add);
            List<InvocationObserver> observers = new ArrayList<>();
            observers.add(usage);
            traces.ifPresent(observers::add);
            metrics.map(Metrics::invocations).ifPresent(observers::add);
            Identities identities = new Identities(store, masterKey.sealer("access-keys"), config.account(), clock);
            RoleSessions roleSessions = new RoleSessions(config.account(), config.security().roleSessionDuration(), clock,
                    identities::roleId);
            Execution execution = new Execution(new InvokeSettings(config.region(), config.account(), endpoint,
                    exec.keepAlive(), exec.learnedKeepAlive(), InvokeSettings.LAMBDA_INIT_TIMEOUT,
                    exec.accountConcurrency(), budgetMb, exec.prewarm().stream()
                    .map(p -> new InvokeSettings.Prewarm(p.family(), p.memoryMb())).toList(), exec.maxStemCells()), store, code, sandbox, interpreters,
                    roleSessions,
                    dataDir.runtimes(), logs, dataDir.cells(), InvocationObserver.all(observers), clock);
            resources.add(execution);
            AsyncConfig async = config.async();
            // SQS credentials: the AWS SDK's usual chain (environment, profile files), else placeholder
            // keys, which SQS-compatible servers on a private network accept.
            var sqsCredentials = AwsCredentialsProviderChain.of(DefaultCredentialsProvider.builder().build(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("lamina", "lamina")));
            AsyncInvocations asyncInvocations = new AsyncInvocations(new AsyncSettings(config.region(), config.account(),
                    async.maxPayloadBytes(), async.timeScale(), async.sqsEndpoint()), sqsCredentials, sqs.queues(),
                    dataDir.eventLog(), store, execution.invoker(),
                    metrics.map(Metrics::events).orElse(AsyncObserver.NONE), clock);
            // Closed before the execution side: the dispatcher stops handing it events first.
            resources.add(asyncInvocations);
            // After asynchronous invocation and SQS (its targets), so closed before them.
            EventBridge eventBridge = EventBridge.open(new EventBridgeContext(
                    EventBridgeSettings.of(config.region(), config.account()), store, control, asyncInvocations,
                    sqs.queues(), identities, dataDir.eventBridgeLog(), clock));
            resources.add(eventBridge);
            // Lambda destinations that are event buses: late-bound, EventBridge starts after asynchronous invocation.
            asyncInvocations.eventBuses(dev.lamina.server.eventbridge.DestinationBuses.of(eventBridge.intake()));
            // After EventBridge, SQS and the execution side (its tasks' targets), so closed before them.
            Workflows workflows = Workflows.open(new WorkflowsContext(WorkflowsSettings.of(config.region(),
                    config.account()), store, control, execution.invoker(), sqs.api(), eventBridge.events(),
                    eventBridge.intake(), dataDir.workflowsJournal(), clock));
            resources.add(workflows);
            // Rules' and schedules' state machine targets: late-bound, Step Functions starts after EventBridge.
            eventBridge.stateMachines(dev.lamina.server.workflows.StateMachineTargets.of(workflows));
            EventSourceMappings mappings = new EventSourceMappings(store, sqs.queues(), config.region(),
                    config.account(), clock);
            // Its Kinesis clients are closed after the supervisor (added before it), which closes the pollers.
            KinesisSettings kinesis = KinesisSettings.of(config.kinesisEndpoint(), config.region());
            KinesisPollerFactory kinesisPollers = new KinesisPollerFactory(kinesis);
            resources.add(kinesisPollers);
            mappings.checkKinesisSourcesWith(kinesis::checkSource);
            // One factory per kind of source; a mapping whose source none handles settles as Disabled.
            // Kafka pollers hold no shared resource: each closes its own consumer when the supervisor closes it.
            List<PollerFactory> pollerFactories = List.of(new SqsPollerFactory(sqs.queues()), kinesisPollers,
                    new KafkaPollerFactory());
            MappingSupervisor supervisor = new MappingSupervisor(store, mappings, pollerFactories, execution.invoker(),
                    asyncInvocations::sendToQueue, config.region(), config.account(), clock);
            // Closed before asynchronous invocation and the execution side: pollers stop invoking first.
            resources.add(supervisor);

            AccessKeys accessKeys = AccessKeys.inOrder(AccessKeys.root(config.account().id(),
                    credentials.keys().accessKeyId(), credentials.keys().secretAccessKey()), roleSessions,
                    new UserAccessKeys(identities));
            SigV4Verifier verifier = new SigV4Verifier(accessKeys, config.region().name(), "lambda", clock);
            PolicyAuthorizer authorizer = new PolicyAuthorizer(identities, control.permissions(), roleSessions,
                    config.region(), config.account());
            // Before the routes: Lambda's *FunctionUrlConfig operations manage the gateway's function URLs.
            GatewayEdge gateway = GatewayEdge.wire(config.region(), config.account(), store, control,
                    execution.invoker(), accessKeys, authorizer, clock);
            List<Route> routes = new ArrayList<>(LambdaRoutes.routes(control, execution, asyncInvocations, mappings, code,
                    config.region(), config.account(), clock));
            // Unsigned, for load balancers and operators: alive, and how many environments and spare
            // stem cells this node holds.
            routes.add(new Route("GET", "/health", "Health", 0, request -> {
                var o = dev.lamina.server.http.Json.object().put("status", "ok")
                        .put("environments", execution.environments());
                var cells = o.putObject("stemCells");
                execution.stemCells().forEach(cells::put);
                var events = asyncInvocations.stats();
                o.putObject("async").put("waiting", asyncInvocations.waiting()).put("running", asyncInvocations.running())
                        .put("accepted", events.accepted())
                        .put("succeeded", events.succeeded()).put("retried", events.retried())
                        .put("throttled", events.throttled()).put("failed", events.failed())
                        .put("discarded", events.discarded()).put("deliveryFailures", events.deliveryFailures())
                        .put("loopsStopped", events.loopsStopped());
                Execution.Memory memory = execution.memory();
                o.putObject("memoryMb").put("claimed", memory.claimedMb()).put("budget", memory.budgetMb());
                return ApiResponse.json(200, dev.lamina.server.http.Json.bytes(o));
            }));
            metrics.ifPresent(m -> m.bind(MetricsSetup.platform(execution, asyncInvocations, sqlite)));
            if (metrics.isPresent() && config.metrics().exposure() instanceof MetricsConfig.Exposure.Api) {
                routes.add(metrics.get().route()); // unsigned, as Health: Prometheus cannot sign
            }
            routes.addAll(AdminRoutes.routes(identities));
            routes.add(UsageRoute.route(new UsageReports(store, usage), clock));
            // Each API verifies signatures made for its own signing name, as AWS's endpoints do.
            ServiceModel sqsModel = SqsEndpoints.model();
            SigV4Verifier sqsVerifier = new SigV4Verifier(accessKeys, config.region().name(), SqsEndpoints.SIGNING_NAME,
                    clock);
            JsonProtocol jsonServices = new JsonProtocol(List.of(LogsApi.service(logs, config.region(),
                    config.account(), new SigV4Verifier(accessKeys, config.region().name(), LogsApi.SIGNING_NAME, clock),
                    clock), SqsEndpoints.json(sqs.api(), sqsModel, sqsVerifier),
                    EventBridgeEndpoints.json(eventBridge.events(), new SigV4Verifier(accessKeys, config.region().name(),
                            EventBridgeEndpoints.SIGNING_NAME, clock)),
                    StepFunctionsEndpoints.json(workflows.api(), new SigV4Verifier(accessKeys, config.region().name(),
                            StepFunctionsEndpoints.SIGNING_NAME, clock))), authorizer);
            QueryProtocol queryServices = new QueryProtocol(List.of(SqsEndpoints.query(sqs.api(), sqsModel, sqsVerifier)),
                    authorizer);
            ApiHandler api = new ApiHandler(new Router(routes), verifier, authorizer,
                    Set.of("Health", LambdaRoutes.CODE_DOWNLOAD, Metrics.ROUTE), jsonServices, queryServices,
                    Optional.of(gateway.frontDoors()), Optional.of(gateway.controlPlanes()),
                    Optional.of(SchedulerEndpoints.restJson(eventBridge.scheduler(), new SigV4Verifier(accessKeys,
                            config.region().name(), SchedulerEndpoints.SIGNING_NAME, clock), authorizer)));
            MetricsSetup.Exposed exposed = MetricsSetup.expose(jetty, config.metrics().exposure(), metrics, api, endpoint,
                    verifier, authorizer);
            jetty.setHandler(new GracefulHandler(exposed.handler()));
            jetty.start();
            // After the server is ready: pollers invoke functions, whose runtimes call Lamina's APIs.
            supervisor.start();
            LOG.info("Lamina is listening on {} (data directory {})", endpoint, config.dataDir());
            exposed.url().ifPresent(url -> LOG.info("Prometheus metrics are served at {}", url));
            return new LaminaServer(jetty, endpoint, exposed.url(), credentials, resources);
        } catch (Exception | Error e) {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static Server jetty(ServerConfig config) {
        VirtualThreadPool threads = new VirtualThreadPool();
        threads.setName("lamina-http");
        // One virtual thread per request; the default cap of 200 would queue bursts of slow requests.
        threads.setMaxConcurrentTasks(10_000);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(ApiHandler.URI_COMPLIANCE);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        connector.setIdleTimeout(Duration.ofMinutes(16).toMillis()); // longer than the longest invocation
        jetty.addConnector(connector);
        jetty.setStopTimeout(DRAIN_TIMEOUT.toMillis());
        jetty.setStopAtShutdown(false); // the CLI's shutdown hook stops the whole server in order
        return jetty;
    }

    /** Three quarters of the host's physical memory: the rest is Lamina's own, and the system's. */
    private static long defaultMemoryBudgetMb() {
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return Math.max(ExecutionConfig.MIN_MEMORY_BUDGET_MB, total / 4 * 3 >> 20);
    }

    /** How clients reach an address bound to {@code bind}: a wildcard bind is reached on loopback. */
    static String hostForUrl(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static void stop(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            // Preparation is idempotent and resumed at the next start, so interrupting it loses nothing.
            executor.shutdownNow();
        }
    }
}
