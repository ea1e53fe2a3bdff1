package dev.lamina.store.sql;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Transaction;
import dev.lamina.store.iam.AccessKey;
import dev.lamina.store.iam.FunctionPolicy;
import dev.lamina.store.iam.Role;
import dev.lamina.store.iam.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityStoreTest {
    @TempDir
    Path dir;
    SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), Fixtures.sealer());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aUserWithKeysAndPoliciesReadsBackAndIsDeletedWithThem() {
        User alice = new User("alice", "AIDAEXAMPLE", Fixtures.NOW);
        AccessKey key = new AccessKey("LKIAKEY1", "alice", "lamina:v1:sealed", Fixtures.NOW);
        store.write(tx -> {
            tx.users().insert(alice);
            tx.users().insertKey(key);
            tx.users().putPolicy("alice", "b", "{\"old\":1}");
            tx.users().putPolicy("alice", "b", "{\"new\":1}");
            tx.users().putPolicy("alice", "a", "{}");
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.users().find("alice"))).contains(alice);
        assertThat(store.read((Transaction tx) -> tx.users().findKey("LKIAKEY1"))).contains(key);
        assertThat(store.read((Transaction tx) -> tx.users().policies("alice"))).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("a", "{}", "b", "{\"new\":1}")));

        assertThat(store.write((Transaction tx) -> tx.users().delete("alice"))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.users().findKey("LKIAKEY1"))).isEmpty();
        assertThat(store.read((Transaction tx) -> tx.users().policies("alice"))).isEmpty();
        assertThat(store.write((Transaction tx) -> tx.users().delete("alice"))).isFalse();
    }

    @Test
    void rolesAreKeptByName() {
        Role role = new Role("exec", "AROAEXAMPLE", "{\"Statement\":[]}", Fixtures.NOW);
        store.write(tx -> {
            tx.roles().insert(role);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.roles().find("exec"))).contains(role);
        assertThat(store.read((Transaction tx) -> tx.roles().list())).containsExactly(role);
        assertThat(store.write((Transaction tx) -> tx.roles().delete("exec"))).isTrue();
        assertThat(store.read((Transaction tx) -> tx.roles().list())).isEmpty();
    }

    @Test
    void deletingAFunctionDeletesItsPolicies() {
        FunctionName f = new FunctionName("f");
        store.write(tx -> {
            tx.functions().insert(Fixtures.function("f"));
            tx.functionPolicies().put(new FunctionPolicy(f, "", "{}", "r1"));
            tx.functionPolicies().put(new FunctionPolicy(f, "prod", "{}", "r2"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.functionPolicies().find(f, "prod"))).isPresent();
        store.write(tx -> {
            tx.aliases().delete(f, (Qualifier.Alias) Qualifier.parse("prod"));
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.functionPolicies().find(f, "prod"))).isEmpty();
        store.write(tx -> {
            tx.functions().delete(f);
            return null;
        });
        assertThat(store.read((Transaction tx) -> tx.functionPolicies().find(f, ""))).isEmpty();
    }
}
