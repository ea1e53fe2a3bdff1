package dev.lamina.store;

import dev.lamina.model.CodeDigest;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.Qualifier;

import java.util.List;
import java.util.Optional;

/**
 * Function versions. Listings order a function's versions as AWS does: $LATEST first, then
 * published versions by number.
 */
public interface VersionRepository {

    /** A position in a listing of every version of every function. */
    record Key(FunctionName function, long number) {
    }

    /** @param version {@link Qualifier#LATEST} or a {@link Qualifier.Version} */
    Optional<FunctionVersion> find(FunctionName function, Qualifier version);

    void insert(FunctionVersion version);

    /** Replaces the stored snapshot of the same function and version. */
    void update(FunctionVersion version);

    void delete(FunctionName function, Qualifier.Version version);

    /** Versions of one function after the version numbered {@code afterNumber} ($LATEST is 0, so -1 starts at the top). */
    List<FunctionVersion> list(FunctionName function, long afterNumber, int limit);

    /** $LATEST of every function in name order, strictly after {@code after} when given. */
    List<FunctionVersion> listLatest(Optional<FunctionName> after, int limit);

    /** Versions of every function in (name, number) order, strictly after {@code after} when given. */
    List<FunctionVersion> listAll(Optional<Key> after, int limit);

    /** The published version with the highest number. */
    Optional<FunctionVersion> lastPublished(FunctionName function);

    /** Versions whose preparation had not finished when the server stopped. */
    List<FunctionVersion> inProgress();

    /** Whether any version, requested or deployed, still uses the package. */
    boolean references(CodeDigest digest);

    /** Every package digest a version uses. */
    List<CodeDigest> referencedDigests();

    /** The zipped size of every version's package, as AWS's TotalCodeSize counts it. */
    long totalCodeSize();
}
