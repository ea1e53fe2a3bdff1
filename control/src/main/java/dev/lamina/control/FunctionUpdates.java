package dev.lamina.control;

import dev.lamina.model.LambdaErrors;

import dev.lamina.model.Architecture;
import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;
import dev.lamina.store.code.CodeLease;
import dev.lamina.store.code.CodeStore;
import dev.lamina.store.code.StagedPackage;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to $LATEST (UpdateFunctionCode, UpdateFunctionConfiguration) and PublishVersion.
 *
 * <p>Each update is checked twice against the caller's RevisionId and the deployment state: once
 * before any work (so a doomed request costs nothing) and again inside the write transaction (so a
 * concurrent update cannot slip in between).
 */
public final class FunctionUpdates {

    /** An UpdateFunctionCode request; {@code code} is closed by the caller whatever happens. */
    public record Code(FunctionName name, StagedPackage code, Optional<Architecture> architecture, boolean publish,
                       boolean dryRun, Optional<String> revisionId) {
        public Code {
            Objects.requireNonNull(name);
            Objects.requireNonNull(code);
            Objects.requireNonNull(architecture);
            Objects.requireNonNull(revisionId);
        }
    }

    /** A PublishVersion request. */
    public record Publish(FunctionName name, Optional<String> codeSha256, Optional<String> description,
                          Optional<String> revisionId) {
    }

    private final Store store;
    private final CodeStore code;
    private final Deployer deployer;
    private final Resolver resolver;
    private final FunctionConfigRules rules;
    private final Functions functions;
    private final InstantSource clock;
    private final PackageCollector packages;

    FunctionUpdates(Store store, CodeStore code, Deployer deployer, Resolver resolver, FunctionConfigRules rules,
                    Functions functions, InstantSource clock, PackageCollector packages) {
        this.store = store;
        this.code = code;
        this.deployer = deployer;
        this.resolver = resolver;
        this.rules = rules;
        this.functions = functions;
        this.clock = clock;
        this.packages = packages;
    }

    /**
     * UpdateFunctionCode: $LATEST gets the new package and goes to UPDATING while it is unpacked.
     * With {@code dryRun} the package is validated and nothing is stored.
     *
     * @return $LATEST as updated, or the new version when {@code publish} was asked for
     */
    public FunctionVersion updateCode(Code request) {
        FunctionVersion before = store.read(tx -> updatable(tx, request.name(), request.revisionId()));
        FunctionConfig config = request.architecture().map(before.config()::withArchitecture).orElse(before.config());
        rules.check(config);
        if (request.dryRun()) {
            CodeRef checked = code.check(request.code());
            return new FunctionVersion(before.functionName(), before.version(), config, checked, before.deployed(),
                    before.state(), before.failure(), before.revisionId(), before.lastModified());
        }
        CodeLease lease = code.commit(request.code());
        try {
            functions.checkCodeStorage(lease.code().size());
            return update(request.name(), request.revisionId(), request.publish(), latest -> {
                // Re-derived from the version inside the transaction, not from the earlier read.
                FunctionConfig current = request.architecture().map(latest.config()::withArchitecture)
                        .orElse(latest.config());
                rules.check(current);
                return withUpdate(latest, current, lease.code());
            });
        } finally {
            packages.release(lease);
        }
    }

    /** UpdateFunctionConfiguration: $LATEST gets the new settings and goes to UPDATING. */
    public FunctionVersion updateConfiguration(FunctionName name, ConfigPatch patch, Optional<String> revisionId) {
        FunctionVersion before = store.read(tx -> updatable(tx, name, revisionId));
        rules.check(patch.applyTo(before.config()));
        return update(name, revisionId, false, latest -> {
            FunctionConfig config = patch.applyTo(latest.config());
            rules.check(config);
            return withUpdate(latest, config, latest.code());
        });
    }

    private FunctionVersion update(FunctionName name, Optional<String> revisionId, boolean publish,
                                   java.util.function.UnaryOperator<FunctionVersion> change) {
        List<CodeDigest> replaced = new ArrayList<>();
        List<FunctionVersion> changed = store.write(tx -> {
            FunctionVersion latest = updatable(tx, name, revisionId);
            FunctionVersion next = change.apply(latest);
            tx.versions().update(next);
            if (!latest.code().digest().equals(next.code().digest())) {
                replaced.add(latest.code().digest());
            }
            List<FunctionVersion> versions = new ArrayList<>(List.of(next));
            if (publish) {
                FunctionRecord function = resolver.function(tx, name);
                versions.add(Publisher.publish(tx, function, next, Optional.empty(), clock.instant()));
            }
            return versions;
        });
        changed.forEach(v -> deployer.submit(v.functionName(), v.version()));
        packages.collect(replaced);
        return changed.getLast();
    }

    /** $LATEST, provided the caller's RevisionId matches and no update is in progress. */
    private FunctionVersion updatable(Transaction tx, FunctionName name, Optional<String> revisionId) {
        FunctionVersion latest = resolver.latest(tx, name);
        Revisions.expect(revisionId, latest.revisionId());
        if (latest.state().inProgress()) {
            throw LambdaErrors.updateInProgress(resolver.arn(name));
        }
        return latest;
    }

    private FunctionVersion withUpdate(FunctionVersion latest, FunctionConfig config, CodeRef newCode) {
        return new FunctionVersion(latest.functionName(), latest.version(), config, newCode, latest.deployed(),
                latest.state().on(DeploymentState.Event.UPDATE_REQUESTED), Optional.empty(), Revisions.next(),
                clock.instant());
    }

    /**
     * PublishVersion. $LATEST must be Active: a version is a snapshot of working code.
     *
     * @return the new version, or the last one when nothing changed since it was published
     */
    public FunctionVersion publish(Publish request) {
        FunctionVersion version = store.write(tx -> {
            FunctionRecord function = resolver.function(tx, request.name());
            FunctionVersion latest = resolver.latest(tx, request.name());
            Revisions.expect(request.revisionId(), latest.revisionId());
            if (request.codeSha256().isPresent() && !request.codeSha256().get().equals(latest.code().digest().base64())) {
                throw LambdaErrors.codeShaMismatch(request.codeSha256().get(), latest.code().digest().base64());
            }
            if (latest.state().inProgress()) {
                throw LambdaErrors.updateInProgress(resolver.arn(request.name()));
            }
            if (latest.state() != DeploymentState.ACTIVE) {
                throw LambdaErrors.notReady(resolver.arn(request.name()), latest.state().wireState());
            }
            return Publisher.publish(tx, function, latest, request.description(), clock.instant());
        });
        if (version.state().inProgress()) {
            deployer.submit(version.functionName(), version.version());
        }
        return version;
    }

    /** ListVersionsByFunction: $LATEST first, then published versions by number. */
    public Page<FunctionVersion> listVersions(FunctionName name, Optional<String> marker, Optional<Integer> maxItems) {
        int size = Markers.pageSize(maxItems);
        long after = Markers.decode(marker).map(FunctionUpdates::versionNumber).orElse(-1L);
        List<FunctionVersion> rows = store.read(tx -> {
            resolver.function(tx, name);
            return tx.versions().list(name, after, size + 1);
        });
        if (rows.size() <= size) {
            return new Page<>(rows, Optional.empty());
        }
        FunctionVersion last = rows.get(size - 1);
        long number = last.version() instanceof dev.lamina.model.Qualifier.Version v ? v.number() : 0;
        return new Page<>(rows.subList(0, size), Optional.of(Markers.encode(Long.toString(number))));
    }

    private static long versionNumber(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw dev.lamina.model.LambdaException.invalidParameter("Invalid marker");
        }
    }
}
