package dev.lamina.control;

import dev.lamina.model.LambdaErrors;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.VersionRepository;
import dev.lamina.store.code.CodeLease;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.StagedPackage;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** CreateFunction, GetFunction, ListFunctions and DeleteFunction. */
public final class Functions {

    /**
     * A CreateFunction request. {@code config} must name a Role; {@code code} has been received
     * completely and is closed by the caller whatever happens.
     */
    public record Create(FunctionName name, ConfigPatch config, StagedPackage code, Map<String, String> tags,
                         boolean publish) {
        public Create {
            Objects.requireNonNull(name);
            Objects.requireNonNull(config);
            Objects.requireNonNull(code);
            tags = Map.copyOf(tags);
        }
    }

    private final Store store;
    private final CodeStore code;
    private final Deployer deployer;
    private final Resolver resolver;
    private final FunctionConfigRules rules;
    private final ControlSettings settings;
    private final InstantSource clock;
    private final PackageCollector packages;

    Functions(Store store, CodeStore code, Deployer deployer, Resolver resolver, FunctionConfigRules rules,
              ControlSettings settings, InstantSource clock, PackageCollector packages) {
        this.store = store;
        this.code = code;
        this.deployer = deployer;
        this.resolver = resolver;
        this.rules = rules;
        this.settings = settings;
        this.clock = clock;
        this.packages = packages;
    }

    /**
     * Creates a function in state Pending and starts preparing it.
     *
     * @return $LATEST, or version 1 when {@code publish} was asked for
     */
    public FunctionVersion create(Create request) {
        String role = request.config().role()
                .orElseThrow(() -> new IllegalArgumentException("the edge requires a Role"));
        FunctionConfig config = request.config().applyTo(FunctionConfig.defaults(role));
        rules.check(config);
        Tags.check(request.tags());
        if (store.read(tx -> tx.functions().find(request.name())).isPresent()) {
            throw LambdaErrors.functionExists(request.name().value());
        }
        CodeLease lease = code.commit(request.code());
        try {
            checkCodeStorage(lease.code().size());
            List<FunctionVersion> created = store.write(tx -> {
                if (tx.functions().find(request.name()).isPresent()) {
                    throw LambdaErrors.functionExists(request.name().value());
                }
                var now = clock.instant();
                FunctionRecord function = new FunctionRecord(request.name(), request.tags(), OptionalInt.empty(), 0,
                        now);
                FunctionVersion latest = new FunctionVersion(request.name(), Qualifier.LATEST, config, lease.code(),
                        Optional.empty(), DeploymentState.CREATING, Optional.empty(), Revisions.next(), now);
                tx.functions().insert(function);
                tx.versions().insert(latest);
                List<FunctionVersion> versions = new ArrayList<>(List.of(latest));
                if (request.publish()) {
                    versions.add(Publisher.publish(tx, function, latest, Optional.empty(), now));
                }
                return versions;
            });
            created.forEach(v -> deployer.submit(v.functionName(), v.version()));
            return created.getLast();
        } finally {
            packages.release(lease);
        }
    }

    /** Refuses a package that would take the account's packages past the code storage limit. */
    void checkCodeStorage(long additionalBytes) {
        long used = store.read(tx -> tx.versions().totalCodeSize());
        if (used + additionalBytes > settings.totalCodeSizeLimit()) {
            throw LambdaErrors.codeStorageExceeded(settings.totalCodeSizeLimit());
        }
    }

    /** GetFunction and GetFunctionConfiguration. */
    public FunctionDetails get(FunctionRef ref, Optional<Qualifier> qualifier) {
        Optional<Qualifier> q = ref.qualifierWith(qualifier);
        return store.read(tx -> new FunctionDetails(resolver.function(tx, ref.name()),
                resolver.version(tx, ref.name(), q), q));
    }

    /**
     * ListFunctions: $LATEST of every function by name, or with {@code allVersions} every version of
     * every function.
     */
    public Page<FunctionVersion> list(boolean allVersions, Optional<String> marker, Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        Optional<String> after = Markers.decode(marker);
        List<FunctionVersion> rows;
        if (allVersions) {
            Optional<VersionRepository.Key> key = after.map(Functions::versionKey);
            rows = store.read(tx -> tx.versions().listAll(key, size + 1));
        } else {
            Optional<FunctionName> name = after.map(Functions::nameKey);
            rows = store.read(tx -> tx.versions().listLatest(name, size + 1));
        }
        if (rows.size() <= size) {
            return new Page<>(rows, Optional.empty());
        }
        FunctionVersion last = rows.get(size - 1);
        String key = allVersions ? last.functionName() + ":" + number(last) : last.functionName().value();
        return new Page<>(rows.subList(0, size), Optional.of(Markers.encode(key)));
    }

    private static long number(FunctionVersion v) {
        return v.version() instanceof Qualifier.Version n ? n.number() : 0;
    }

    private static FunctionName nameKey(String key) {
        if (!FunctionName.isValid(key)) {
            throw LambdaException.invalidParameter("Invalid marker");
        }
        return new FunctionName(key);
    }

    private static VersionRepository.Key versionKey(String key) {
        int colon = key.lastIndexOf(':');
        try {
            return new VersionRepository.Key(nameKey(key.substring(0, Math.max(colon, 0))),
                    Long.parseLong(key.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw LambdaException.invalidParameter("Invalid marker");
        }
    }

    /**
     * DeleteFunction: the whole function with its versions and aliases, or, with a version number
     * as qualifier, that version alone.
     */
    public void delete(FunctionRef ref, Optional<Qualifier> qualifier) {
        Optional<Qualifier> q = ref.qualifierWith(qualifier);
        FunctionName name = ref.name();
        List<CodeDigest> dropped = store.write(tx -> {
            List<CodeDigest> digests = new ArrayList<>();
            switch (q.orElse(null)) {
                case null -> {
                    resolver.function(tx, name);
                    for (FunctionVersion v : tx.versions().list(name, -1, Integer.MAX_VALUE)) {
                        digests.addAll(digestsOf(v));
                    }
                    tx.functions().delete(name);
                }
                case Qualifier.Latest latest -> throw LambdaException.invalidParameter(
                        "$LATEST version cannot be deleted without deleting the function.");
                case Qualifier.Alias alias -> throw LambdaException.invalidParameter(
                        "Deletion of aliases is not supported.");
                case Qualifier.Version version -> {
                    FunctionVersion v = resolver.version(tx, name, q);
                    List<String> users = tx.aliases().list(name, Optional.of(version.value()), Optional.empty(),
                            Integer.MAX_VALUE).stream().map(a -> a.name().name()).toList();
                    if (!users.isEmpty()) {
                        throw LambdaException.conflict("Unable to delete version because the following aliases "
                                + "reference it: " + users);
                    }
                    digests.addAll(digestsOf(v));
                    tx.versions().delete(name, version);
                }
            }
            return digests;
        });
        packages.collect(dropped);
    }

    private static List<CodeDigest> digestsOf(FunctionVersion v) {
        List<CodeDigest> digests = new ArrayList<>(List.of(v.code().digest()));
        v.deployed().ifPresent(d -> digests.add(d.code().digest()));
        return digests;
    }
}
