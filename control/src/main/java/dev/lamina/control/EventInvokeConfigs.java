package dev.lamina.control;

import dev.lamina.model.EventInvokeConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Put/Update/Get/Delete/ListFunctionEventInvokeConfigs: a function's options for asynchronous
 * invocation, per qualifier ($LATEST when none is given), validated and stored; the events module
 * reads them from the store.
 */
public final class EventInvokeConfigs {
    /** The settings a request gives; empty ones are left to Lambda's defaults (Put) or kept (Update). */
    public record Settings(OptionalInt maximumRetryAttempts, OptionalInt maximumEventAgeInSeconds,
                           Optional<String> onSuccess, Optional<String> onFailure) {
    }

    private final Store store;
    private final Resolver resolver;
    private final ControlSettings settings;
    private final InstantSource clock;

    EventInvokeConfigs(Store store, Resolver resolver, ControlSettings settings, InstantSource clock) {
        this.store = store;
        this.resolver = resolver;
        this.settings = settings;
        this.clock = clock;
    }

    /** PutFunctionEventInvokeConfig: replaces whatever was configured; settings left out are removed. */
    public EventInvokeConfig put(FunctionName function, Optional<Qualifier> qualifier, Settings s) {
        checkDestinations(s);
        return store.write(tx -> {
            Qualifier q = existing(tx, function, qualifier);
            EventInvokeConfig config = new EventInvokeConfig(function, q, s.maximumRetryAttempts(),
                    s.maximumEventAgeInSeconds(), s.onSuccess(), s.onFailure(), now());
            tx.eventInvokeConfigs().put(config);
            return config;
        });
    }

    /** UpdateFunctionEventInvokeConfig: changes only the settings given. */
    public EventInvokeConfig update(FunctionName function, Optional<Qualifier> qualifier, Settings s) {
        checkDestinations(s);
        return store.write(tx -> {
            Qualifier q = existing(tx, function, qualifier);
            EventInvokeConfig old = tx.eventInvokeConfigs().find(function, q)
                    .orElse(EventInvokeConfig.defaults(function, q));
            EventInvokeConfig config = new EventInvokeConfig(function, q,
                    s.maximumRetryAttempts().isPresent() ? s.maximumRetryAttempts() : old.maximumRetryAttempts(),
                    s.maximumEventAgeInSeconds().isPresent() ? s.maximumEventAgeInSeconds()
                            : old.maximumEventAgeInSeconds(),
                    s.onSuccess().or(old::onSuccess), s.onFailure().or(old::onFailure), now());
            tx.eventInvokeConfigs().put(config);
            return config;
        });
    }

    public EventInvokeConfig get(FunctionName function, Optional<Qualifier> qualifier) {
        return store.read(tx -> {
            Qualifier q = existing(tx, function, qualifier);
            return tx.eventInvokeConfigs().find(function, q).orElseThrow(() -> notFound(function, q));
        });
    }

    public void delete(FunctionName function, Optional<Qualifier> qualifier) {
        store.write(tx -> {
            Qualifier q = existing(tx, function, qualifier);
            if (!tx.eventInvokeConfigs().delete(function, q)) {
                throw notFound(function, q);
            }
            return null;
        });
    }

    public Page<EventInvokeConfig> list(FunctionName function, Optional<String> marker, Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        Optional<String> after = Markers.decode(marker);
        List<EventInvokeConfig> rows = store.read(tx -> {
            resolver.function(tx, function);
            return tx.eventInvokeConfigs().list(function, after, size + 1);
        });
        if (rows.size() <= size) {
            return new Page<>(rows, Optional.empty());
        }
        return new Page<>(rows.subList(0, size), Optional.of(Markers.encode(rows.get(size - 1).qualifier().value())));
    }

    /** The qualifier a request names, checked to exist; $LATEST when it names none. */
    private Qualifier existing(Transaction tx, FunctionName function, Optional<Qualifier> qualifier) {
        resolver.version(tx, function, qualifier);
        return qualifier.orElse(Qualifier.LATEST);
    }

    private static final Pattern FUNCTION = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:.+");
    private static final Pattern QUEUE = Pattern.compile("arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\\d{12}):[a-zA-Z0-9_-]{1,80}(\\.fifo)?");
    /** An EventBridge event bus; its name as EventBridge allows one (a partner bus's has slashes). */
    private static final Pattern BUS = Pattern.compile("arn:aws[a-zA-Z-]*:events:([a-z0-9-]+):(\\d{12}):event-bus/[/.\\-_A-Za-z0-9]{1,256}");

    /**
     * Lamina delivers invocation records to its own functions, to SQS queues and to its own
     * EventBridge event buses; anything else is refused. Neither exists-checks: as on AWS, a
     * destination that is missing fails when a record is delivered.
     */
    private void checkDestinations(Settings s) {
        for (String arn : List.of(s.onSuccess().orElse(""), s.onFailure().orElse(""))) {
            if (arn.isEmpty() || QUEUE.matcher(arn).matches()) {
                continue;
            }
            var bus = BUS.matcher(arn);
            if (bus.matches()) {
                if (!bus.group(1).equals(settings.region().name()) || !bus.group(2).equals(settings.account().id())) {
                    throw LambdaException.invalidParameter("The destination event bus " + arn
                            + " is not in this region and account.");
                }
                continue;
            }
            var m = FUNCTION.matcher(arn);
            if (!m.matches()) {
                throw LambdaException.invalidParameter("The destination ARN " + arn + " is invalid: Lamina delivers "
                        + "asynchronous invocation records to Lambda functions, SQS queues and EventBridge event buses"
                        + " only.");
            }
            if (!m.group(1).equals(settings.region().name()) || !m.group(2).equals(settings.account().id())) {
                throw LambdaException.invalidParameter("The destination function " + arn + " is not in this region"
                        + " and account.");
            }
        }
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private LambdaException notFound(FunctionName function, Qualifier qualifier) {
        return LambdaException.notFound("The function " + resolver.arn(function, qualifier)
                + " doesn't have an EventInvokeConfig");
    }
}
