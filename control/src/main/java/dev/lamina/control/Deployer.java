package dev.lamina.control;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.code.CodeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Prepares versions in the background: unpacks their package and moves them out of the CREATING
 * and UPDATING states (see {@link DeploymentState}). Preparation is idempotent, so a version left in
 * progress by a crash is simply prepared again at the next start.
 */
final class Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private final Store store;
    private final CodeStore code;
    private final Executor executor;
    private final PackageCollector packages;

    Deployer(Store store, CodeStore code, Executor executor, PackageCollector packages) {
        this.store = store;
        this.code = code;
        this.executor = executor;
        this.packages = packages;
    }

    /** Schedules preparation of a version whose in-progress state has been committed. */
    void submit(FunctionName function, Qualifier version) {
        executor.execute(() -> {
            try {
                prepare(function, version);
            } catch (RuntimeException e) {
                LOG.error("preparing {}:{} failed unexpectedly", function, version.value(), e);
            }
        });
    }

    /** Schedules every version a previous run left in progress. */
    void resumeInterrupted() {
        for (FunctionVersion v : store.read(tx -> tx.versions().inProgress())) {
            LOG.info("resuming the preparation of {}:{}", v.functionName(), v.version().value());
            submit(v.functionName(), v.version());
        }
    }

    private void prepare(FunctionName function, Qualifier version) {
        Optional<FunctionVersion> found = store.read(tx -> tx.versions().find(function, version));
        if (found.isEmpty() || !found.get().state().inProgress()) {
            return; // deleted, or already prepared by an earlier submission
        }
        FunctionVersion v = found.get();
        Optional<FunctionVersion.Failure> failure = Optional.empty();
        try {
            code.prepare(v.code());
        } catch (LambdaException e) {
            failure = Optional.of(new FunctionVersion.Failure("InvalidZipFileException", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("cannot unpack the package of {}:{}", function, version.value(), e);
            failure = Optional.of(new FunctionVersion.Failure("InternalError",
                    "Lamina could not unpack the deployment package: " + e.getMessage()));
        }
        Optional<FunctionVersion.Failure> outcome = failure;
        List<CodeDigest> dropped = new ArrayList<>();
        store.write(tx -> {
            Optional<FunctionVersion> current = tx.versions().find(function, version);
            if (current.isEmpty() || !current.get().revisionId().equals(v.revisionId())) {
                return null; // deleted or changed meanwhile; whoever changed it owns the outcome
            }
            FunctionVersion next = outcome.isEmpty() ? prepared(v) : failed(v, outcome.get());
            v.deployed().map(d -> d.code().digest()).ifPresent(dropped::add);
            tx.versions().update(next);
            return null;
        });
        // A successful update may have left the previous package unused.
        packages.collect(dropped);
    }

    private static FunctionVersion prepared(FunctionVersion v) {
        return new FunctionVersion(v.functionName(), v.version(), v.config(), v.code(),
                Optional.of(new FunctionVersion.Deployed(v.config(), v.code())),
                v.state().on(DeploymentState.Event.PREPARED), Optional.empty(), Revisions.next(), v.lastModified());
    }

    private static FunctionVersion failed(FunctionVersion v, FunctionVersion.Failure failure) {
        return new FunctionVersion(v.functionName(), v.version(), v.config(), v.code(), v.deployed(),
                v.state().on(DeploymentState.Event.PREPARATION_FAILED), Optional.of(failure), Revisions.next(),
                v.lastModified());
    }
}
