package dev.lamina.control;

import dev.lamina.model.CodeDigest;
import dev.lamina.store.Store;
import dev.lamina.store.code.CodeLease;
import dev.lamina.store.code.CodeStore;

import java.util.Collection;
import java.util.List;

/**
 * Deletes packages no version references any more. Called after every transaction that may have
 * dropped a reference, and whenever a lease ends (so a package committed for a request that then
 * failed does not wait for the next start's sweep).
 */
final class PackageCollector {
    private final Store store;
    private final CodeStore code;

    PackageCollector(Store store, CodeStore code) {
        this.store = store;
        this.code = code;
    }

    void collect(Collection<CodeDigest> candidates) {
        if (!candidates.isEmpty()) {
            code.deleteUnreferenced(candidates, d -> store.read(tx -> tx.versions().references(d)));
        }
    }

    /** Ends a lease, then collects its package unless a version now uses it. */
    void release(CodeLease lease) {
        lease.close();
        collect(List.of(lease.code().digest()));
    }
}
