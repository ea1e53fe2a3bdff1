package dev.lamina.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.FunctionUrlConfig.AuthType;
import dev.lamina.control.FunctionUrlConfig.Cors;
import dev.lamina.control.FunctionUrlConfig.InvokeMode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;
import dev.lamina.store.gateway.urls.StoredFunctionUrl;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Create/Get/Update/Delete/ListFunctionUrlConfigs: at most one URL per function and alias (none
 * for versions: the API accepts only alias names), stored durably; and the lookup of a URL by its
 * id for the front door, cached until the store's next write, so an update applies from the next
 * request on. A URL goes when its function or alias is deleted.
 */
public final class FunctionUrlConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String NOT_FOUND = "The resource you requested does not exist.";
    private static final String FUNCTION_NOT_FOUND = "Function does not exist";

    private final Store store;
    private final Resolver resolver;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final ReadCache<String, Optional<FunctionUrlConfig>> byId;

    FunctionUrlConfigs(Store store, Resolver resolver, InstantSource clock) {
        this.store = store;
        this.resolver = resolver;
        this.clock = clock;
        this.byId = new ReadCache<>(store);
    }

    /** CreateFunctionUrlConfig; a second URL for the same function and alias is a conflict. */
    public FunctionUrlConfig create(FunctionName function, Optional<Qualifier.Alias> alias, AuthType authType,
                                    Optional<Cors> cors, Optional<InvokeMode> invokeMode) {
        Instant now = now();
        return store.write(tx -> {
            requireTarget(tx, function, alias, FUNCTION_NOT_FOUND);
            if (tx.functionUrls().find(function, key(alias)).isPresent()) {
                throw LambdaException.conflict("Failed to create function url config for [functionArn = "
                        + arn(function, alias) + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            String id = newId(tx);
            StoredFunctionUrl stored = new StoredFunctionUrl(id, function, key(alias), authType.name(),
                    invokeMode.map(Enum::name), cors.map(FunctionUrlConfigs::write), now, now);
            tx.functionUrls().insert(stored);
            return config(stored);
        });
    }

    public FunctionUrlConfig get(FunctionName function, Optional<Qualifier.Alias> alias) {
        return store.read(tx -> {
            requireTarget(tx, function, alias, NOT_FOUND);
            return tx.functionUrls().find(function, key(alias)).map(this::config)
                    .orElseThrow(() -> LambdaException.notFound(NOT_FOUND));
        });
    }

    /** UpdateFunctionUrlConfig: changes the members given and keeps the others. */
    public FunctionUrlConfig update(FunctionName function, Optional<Qualifier.Alias> alias,
                                    Optional<AuthType> authType, Optional<Cors> cors, Optional<InvokeMode> invokeMode) {
        Instant now = now();
        return store.write(tx -> {
            requireTarget(tx, function, alias, NOT_FOUND);
            StoredFunctionUrl old = tx.functionUrls().find(function, key(alias))
                    .orElseThrow(() -> LambdaException.notFound(NOT_FOUND));
            StoredFunctionUrl updated = new StoredFunctionUrl(old.urlId(), function, old.qualifier(),
                    authType.map(Enum::name).orElse(old.authType()),
                    invokeMode.map(Enum::name).or(old::invokeMode),
                    cors.map(FunctionUrlConfigs::write).or(old::cors), old.created(), now);
            tx.functionUrls().update(updated);
            return config(updated);
        });
    }

    public void delete(FunctionName function, Optional<Qualifier.Alias> alias) {
        store.write(tx -> {
            requireTarget(tx, function, alias, NOT_FOUND);
            if (!tx.functionUrls().delete(function, key(alias))) {
                throw LambdaException.notFound(NOT_FOUND);
            }
            return null;
        });
    }

    /** ListFunctionUrlConfigs: the function's URLs, its own first, then by alias name. */
    public Page<FunctionUrlConfig> list(FunctionName function, Optional<String> marker, Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        Optional<String> after = Markers.decode(marker);
        List<StoredFunctionUrl> rows = store.read(tx -> {
            requireTarget(tx, function, Optional.empty(), FUNCTION_NOT_FOUND);
            return tx.functionUrls().list(function, after, size + 1);
        });
        List<FunctionUrlConfig> items = new ArrayList<>();
        rows.stream().limit(size).forEach(r -> items.add(config(r)));
        Optional<String> next = rows.size() > size
                ? Optional.of(Markers.encode(rows.get(size - 1).qualifier())) : Optional.empty();
        return new Page<>(items, next);
    }

    /** The URL with this id, for the front door; empty when there is none (any more). */
    public Optional<FunctionUrlConfig> byId(String urlId) {
        return byId.get(urlId, id -> store.read(tx -> tx.functionUrls().byId(id)).map(this::config));
    }

    /** The function, and the alias when one is named, must exist; otherwise 404 with {@code message}. */
    private void requireTarget(Transaction tx, FunctionName function, Optional<Qualifier.Alias> alias, String message) {
        if (tx.functions().find(function).isEmpty()
                || (alias.isPresent() && tx.aliases().find(function, alias.get()).isEmpty())) {
            throw LambdaException.notFound(message);
        }
    }

    private String newId(Transaction tx) {
        while (true) {
            StringBuilder id = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
            }
            if (tx.functionUrls().byId(id.toString()).isEmpty()) {
                return id.toString();
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String arn(FunctionName function, Optional<Qualifier.Alias> alias) {
        return alias.map(a -> resolver.arn(function, a)).orElseGet(() -> resolver.arn(function)).toString();
    }

    private static String key(Optional<Qualifier.Alias> alias) {
        return alias.map(Qualifier.Alias::name).orElse("");
    }

    private FunctionUrlConfig config(StoredFunctionUrl s) {
        Optional<Qualifier.Alias> alias = s.qualifier().isEmpty() ? Optional.empty()
                : Optional.of((Qualifier.Alias) Qualifier.parse(s.qualifier()));
        return new FunctionUrlConfig(s.urlId(), s.function(), alias, AuthType.valueOf(s.authType()),
                s.invokeMode().map(InvokeMode::valueOf), s.cors().map(FunctionUrlConfigs::read), s.created(),
                s.lastModified(), alias.map(a -> resolver.arn(s.function(), a)).orElseGet(() -> resolver.arn(s.function())));
    }

    static String write(Cors c) {
        ObjectNode o = JSON.createObjectNode();
        c.allowCredentials().ifPresent(v -> o.put("AllowCredentials", v));
        c.allowHeaders().ifPresent(v -> v.forEach(o.putArray("AllowHeaders")::add));
        c.allowMethods().ifPresent(v -> v.forEach(o.putArray("AllowMethods")::add));
        c.allowOrigins().ifPresent(v -> v.forEach(o.putArray("AllowOrigins")::add));
        c.exposeHeaders().ifPresent(v -> v.forEach(o.putArray("ExposeHeaders")::add));
        c.maxAge().ifPresent(v -> o.put("MaxAge", v));
        return o.toString();
    }

    static Cors read(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            return new Cors(Optional.ofNullable(o.get("AllowCredentials")).map(JsonNode::asBoolean),
                    strings(o, "AllowHeaders"), strings(o, "AllowMethods"), strings(o, "AllowOrigins"),
                    strings(o, "ExposeHeaders"), Optional.ofNullable(o.get("MaxAge")).map(JsonNode::asInt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored Cors document is not JSON", e);
        }
    }

    private static Optional<List<String>> strings(JsonNode o, String member) {
        JsonNode v = o.get(member);
        if (v == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> out.add(item.asText()));
        return Optional.of(out);
    }
}
