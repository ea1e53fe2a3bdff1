package dev.lamina.control;

import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Transaction;

import java.time.Instant;
import java.util.Optional;

/**
 * Publishing: a new numbered version that copies $LATEST's requested code and configuration.
 * Shared by PublishVersion and the Publish flag of CreateFunction and UpdateFunctionCode.
 */
final class Publisher {
    private Publisher() {
    }

    /**
     * Publishes $LATEST inside {@code tx}, unless neither its code nor its configuration changed since
     * the last published version: then that version is returned, as AWS does.
     *
     * <p>A version published from a $LATEST that is still being prepared starts in CREATING and is
     * prepared like $LATEST; one published from an ACTIVE $LATEST is ACTIVE at once.
     */
    static FunctionVersion publish(Transaction tx, FunctionRecord function, FunctionVersion latest,
                                   Optional<String> description, Instant now) {
        Optional<FunctionVersion> last = tx.versions().lastPublished(function.name());
        if (last.isPresent() && unchanged(last.get(), latest)) {
            return last.get();
        }
        long number = function.lastPublishedVersion() + 1;
        tx.functions().update(function.withLastPublishedVersion(number));
        FunctionConfig config = latest.config().withDescription(description.orElse(latest.config().description()));
        boolean ready = latest.state() == DeploymentState.ACTIVE;
        FunctionVersion version = new FunctionVersion(function.name(), new Qualifier.Version(number), config,
                latest.code(),
                ready ? Optional.of(new FunctionVersion.Deployed(config, latest.code())) : Optional.empty(),
                ready ? DeploymentState.ACTIVE : DeploymentState.CREATING,
                Optional.empty(), Revisions.next(), now);
        tx.versions().insert(version);
        return version;
    }

    // A version's description is its own (PublishVersion's Description), so it does not count as a change.
    private static boolean unchanged(FunctionVersion published, FunctionVersion latest) {
        return published.code().digest().equals(latest.code().digest())
                && published.config().withDescription("").equals(latest.config().withDescription(""));
    }
}
