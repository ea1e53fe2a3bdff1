package dev.lamina.store.iam;

import java.util.List;
import java.util.Optional;

/** Users, their access keys and their inline identity policies. */
public interface UserRepository {
    Optional<User> find(String name);

    /** Fails with a StoreException if the name is taken; callers check first. */
    void insert(User user);

    /** Deletes the user with its access keys and policies. Whether there was one. */
    boolean delete(String name);

    List<User> list();

    Optional<AccessKey> findKey(String accessKeyId);

    List<AccessKey> keys(String userName);

    void insertKey(AccessKey key);

    boolean deleteKey(String userName, String accessKeyId);

    /** Inserts or replaces a named inline policy. */
    void putPolicy(String userName, String policyName, String document);

    boolean deletePolicy(String userName, String policyName);

    /** The user's inline policies: name → document, ordered by name. */
    java.util.SortedMap<String, String> policies(String userName);
}
