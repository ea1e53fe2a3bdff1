package dev.lamina.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one version of a function ($LATEST or a published number) as the store holds it.
 *
 * <p>A version has two faces. {@link #config()} and {@link #code()} are what the user last asked
 * for and what the API reports. {@link #deployed()} is what invocations run: it trails the requested
 * settings while an update is being prepared, and keeps the previous settings when an update fails,
 * so a bad update never breaks a working function. It is empty until the first preparation succeeds.
 *
 * @param revisionId  changes with every change of the version, state changes included
 * @param failure     why the last preparation failed, present only in the *_FAILED states
 */
public record FunctionVersion(
        FunctionName functionName,
        Qualifier version,
        FunctionConfig config,
        CodeRef code,
        Optional<Deployed> deployed,
        DeploymentState state,
        Optional<Failure> failure,
        String revisionId,
        Instant lastModified) {

    /** The settings an invocation of this version runs with. */
    public record Deployed(FunctionConfig config, CodeRef code) {
        public Deployed {
            Objects.requireNonNull(config);
            Objects.requireNonNull(code);
        }
    }

    /** Why a preparation failed, as AWS's LastUpdateStatusReasonCode and LastUpdateStatusReason. */
    public record Failure(String reasonCode, String reason) {
        public Failure {
            Objects.requireNonNull(reasonCode);
            Objects.requireNonNull(reason);
        }
    }

    public FunctionVersion {
        Objects.requireNonNull(functionName);
        if (!(version instanceof Qualifier.Latest) && !(version instanceof Qualifier.Version)) {
            throw new IllegalArgumentException("a version is $LATEST or a number, not " + version);
        }
        Objects.requireNonNull(config);
        Objects.requireNonNull(code);
        Objects.requireNonNull(deployed);
        Objects.requireNonNull(state);
        Objects.requireNonNull(failure);
        Objects.requireNonNull(revisionId);
        Objects.requireNonNull(lastModified);
    }

    public boolean isLatest() {
        return version instanceof Qualifier.Latest;
    }
}
