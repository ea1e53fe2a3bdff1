package dev.lamina.store.iam;

import java.util.List;
import java.util.Optional;

/** Roles, for execution-role sessions. */
public interface RoleRepository {
    Optional<Role> find(String name);

    void insert(Role role);

    boolean delete(String name);

    List<Role> list();
}
