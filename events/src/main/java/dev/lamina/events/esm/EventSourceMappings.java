package dev.lamina.events.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.events.esm.MappingConfig.SourceKind;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.sqs.QueueInfo;
import dev.lamina.sqs.Queues;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;
import dev.lamina.store.mappings.StoredMapping;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Create/Get/List/Update/DeleteEventSourceMapping: validated, stored durably (the answer is sent
 * after the commit), then handed to the supervisor, which starts or stops the poller and moves the
 * mapping on from its transitional state. Every check runs before anything is written.
 */
public final class EventSourceMappings {
    /** ListEventSourceMappings answers at most this many per page (AWS: 100). */
    static final int MAX_PAGE = 100;
    private static final String MARKER_PREFIX = "lamina-esm:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Queues queues;
    private final Region region;
    private final AccountId account;
    private final FunctionLookup functions;
    private final MappingRules rules;
    private final InstantSource clock;
    private volatile Runnable changed = () -> { };
    private volatile java.util.function.Function<String, Optional<StatusBoard.Status>> statusView = uuid -> Optional.empty();

    /** One page of ListEventSourceMappings. */
    public record Page(List<Mapping> mappings, Optional<String> nextMarker) {
    }

    public EventSourceMappings(Store store, Queues queues, Region region, AccountId account, InstantSource clock) {
        this.store = store;
        this.queues = queues;
        this.region = region;
        this.account = account;
        this.functions = new FunctionLookup(region, account);
        this.rules = new MappingRules(region, account);
        this.clock = clock;
    }

    /** Who is told after every committed change (the supervisor). */
    void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** What pollers reported and the store may not have yet (shown by Get and List). */
    void statusView(java.util.function.Function<String, Optional<StatusBoard.Status>> view) {
        this.statusView = view;
    }

    public Mapping create(MappingInput in) {
        String functionName = in.functionName().orElseThrow(() -> MappingRules.invalid("FunctionName is required."));
        SourceKind kind = rules.kind(in);
        Optional<QueueInfo> queue = kind == SourceKind.SQS ? queues.byArn(in.eventSourceArn().orElseThrow()) : Optional.empty();
        String uuid = UUID.randomUUID().toString();
        Mapping created = store.write(tx -> {
            FunctionLookup.Found f = functions.resolve(tx, functionName);
            MappingConfig config = rules.resolve(in, Optional.empty(), kind, f.arn().toString(), f.timeout(), queue, uuid);
            conflict(tx, config, f.ref());
            Mapping m = new Mapping(uuid, arn(uuid), MappingState.CREATING, config, now(), Mapping.NO_RECORDS,
                    Mapping.USER_INITIATED);
            tx.mappings().insert(stored(m, f.ref()));
            return m;
        });
        changed.run();
        return created;
    }

    public Mapping get(String uuid) {
        return store.read(tx -> find(tx, uuid));
    }

    /**
     * @param eventSourceArn only the mappings of this source
     * @param functionName   only the mappings of this function (any qualifier when the name has none)
     */
    public Page list(Optional<String> eventSourceArn, Optional<String> functionName, Optional<String> marker,
                     Optional<Integer> maxItems) {
        Optional<FunctionRef> ref = functionName.map(n -> FunctionRef.parse(n, region, account));
        Optional<String> after = decode(marker);
        int size = Math.min(maxItems.orElse(MAX_PAGE), MAX_PAGE);
        List<StoredMapping> rows = store.read(tx -> tx.mappings().list(eventSourceArn, ref.map(r -> r.name().value()),
                ref.filter(r -> r.qualifier().isPresent()).map(r -> dev.lamina.model.FunctionArn.of(region, account,
                        r.name()).withQualifier(r.qualifier().get()).toString()), after, size + 1));
        List<Mapping> page = rows.stream().limit(size).map(this::mapping).toList();
        Optional<String> next = rows.size() > size ? Optional.of(encode(page.getLast().uuid())) : Optional.empty();
        return new Page(page, next);
    }

    public Mapping update(String uuid, MappingInput in) {
        Mapping before = get(uuid);
        SourceKind kind = before.config().sourceKind();
        Optional<QueueInfo> queue = kind == SourceKind.SQS
                ? queues.byArn(before.config().eventSourceArn().orElseThrow()) : Optional.empty();
        Mapping updated = store.write(tx -> {
            Mapping old = find(tx, uuid);
            if (!old.state().settled()) {
                throw MappingRules.inUse("update");
            }
            FunctionLookup.Found f = functions.resolve(tx, in.functionName().orElse(old.config().functionArn()));
            MappingConfig config = rules.resolve(in, Optional.of(old.config()), kind, f.arn().toString(), f.timeout(),
                    queue, uuid);
            if (!config.functionArn().equals(old.config().functionArn())) {
                conflict(tx, config, f.ref());
            }
            MappingState.Event event = config.enabled() == old.config().enabled() ? MappingState.Event.UPDATE
                    : config.enabled() ? MappingState.Event.ENABLE : MappingState.Event.DISABLE;
            Mapping m = new Mapping(uuid, old.arn(), old.state().on(event), config, now(), old.lastProcessingResult(),
                    Mapping.USER_INITIATED);
            tx.mappings().update(stored(m, f.ref()));
            return m;
        });
        changed.run();
        return updated;
    }

    /** Marks the mapping Deleting; the supervisor removes it once its poller has stopped. */
    public Mapping delete(String uuid) {
        Mapping deleting = store.write(tx -> {
            Mapping old = find(tx, uuid);
            if (!old.state().settled()) {
                throw MappingRules.inUse("delete");
            }
            Mapping m = new Mapping(uuid, old.arn(), old.state().on(MappingState.Event.DELETE), old.config(),
                    old.lastModified(), old.lastProcessingResult(), Mapping.USER_INITIATED);
            tx.mappings().update(stored(m, FunctionRef.parse(old.config().functionArn(), region, account)));
            return m;
        });
        changed.run();
        return deleting;
    }

    /** The mapping's ARN, as Get/Update/Delete are authorized on. */
    public String arn(String uuid) {
        return "arn:aws:lambda:" + region.name() + ":" + account.id() + ":event-source-mapping:" + uuid;
    }

    Mapping mapping(StoredMapping row) {
        try {
            Optional<StatusBoard.Status> reported = statusView.apply(row.uuid());
            return new Mapping(row.uuid(), arn(row.uuid()), MappingState.parse(row.state()),
                    MappingConfig.fromJson(JSON.readTree(row.settings())), row.lastModified(),
                    reported.map(StatusBoard.Status::lastProcessingResult).orElse(row.lastProcessingResult()),
                    reported.map(StatusBoard.Status::stateTransitionReason).orElse(row.stateTransitionReason()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stored settings of mapping " + row.uuid() + " are not JSON", e);
        }
    }

    static StoredMapping stored(Mapping m, FunctionRef function) {
        return new StoredMapping(m.uuid(), function.name().value(), m.config().functionArn(), m.config().eventSourceArn(),
                m.state().name(), m.config().toJson().toString(), m.lastModified(), m.lastProcessingResult(),
                m.stateTransitionReason());
    }

    private Mapping find(Transaction tx, String uuid) {
        return tx.mappings().find(uuid).map(this::mapping)
                .orElseThrow(() -> LambdaException.notFound("The resource you requested does not exist."));
    }

    /** One mapping per (source, function), as Lambda allows. */
    private void conflict(Transaction tx, MappingConfig config, FunctionRef function) {
        if (config.eventSourceArn().isEmpty()) {
            return; // Kafka: a consumer group per mapping; several mappings of one cluster are fine
        }
        String source = config.eventSourceArn().get();
        for (StoredMapping other : tx.mappings().list(Optional.of(source), Optional.of(function.name().value()),
                Optional.of(config.functionArn()), Optional.empty(), Integer.MAX_VALUE)) {
            if (config.sourceKind() == SourceKind.SQS) {
                throw LambdaException.conflict("An event source mapping with SQS arn (\" " + source + " \") and function"
                        + " (\" " + function.name().value() + " \") already exists. Please update or delete the existing"
                        + " mapping with UUID " + other.uuid());
            }
            throw LambdaException.conflict("The event source arn (\" " + source + " \") and function (\" "
                    + function.name().value() + " \") provided mapping already exists. Please update or delete the"
                    + " existing mapping with UUID " + other.uuid());
        }
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String encode(String uuid) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((MARKER_PREFIX + uuid).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decode(Optional<String> marker) {
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker.get()), StandardCharsets.UTF_8);
            if (text.startsWith(MARKER_PREFIX)) {
                return Optional.of(text.substring(MARKER_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not base64
        }
        throw MappingRules.invalid("Invalid marker: " + marker.get());
    }
}
