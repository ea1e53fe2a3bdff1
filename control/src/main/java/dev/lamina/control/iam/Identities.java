package dev.lamina.control.iam;

import dev.lamina.control.ReadCache;
import dev.lamina.control.policy.MalformedPolicyException;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyParser;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.store.Store;
import dev.lamina.store.iam.AccessKey;
import dev.lamina.store.iam.Role;
import dev.lamina.store.iam.User;
import dev.lamina.store.secrets.SecretSealer;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Users, their access keys and inline identity policies, and roles: what {@code lamina admin}
 * manages. Every document is validated before anything is written; secrets are sealed before they
 * reach the store and are returned exactly once, by {@link #createAccessKey}.
 */
public final class Identities {
    /** IAM allows two access keys per user. */
    static final int MAX_KEYS_PER_USER = 2;
    /** Per document; IAM's limit for a role's inline policies (users' are smaller on AWS). */
    static final int MAX_POLICY_CHARS = 10_240;
    private static final String NAME = "[\\w+=,.@-]+";

    private final Store store;
    private final SecretSealer sealer;
    private final AccountId account;
    private final InstantSource clock;
    private final RandomIds random = new RandomIds();
    private final ReadCache<String, Optional<KeyOwner>> owners;
    private final ReadCache<String, List<PolicyDocument>> userPolicies;
    private final ReadCache<String, Optional<PolicyDocument>> rolePolicies;

    /** @param sealer the master key's {@code access-keys} sealer */
    public Identities(Store store, SecretSealer sealer, AccountId account, InstantSource clock) {
        this.store = store;
        this.sealer = sealer;
        this.account = account;
        this.clock = clock;
        this.owners = new ReadCache<>(store);
        this.userPolicies = new ReadCache<>(store);
        this.rolePolicies = new ReadCache<>(store);
    }

    public String userArn(String name) {
        return "arn:aws:iam::" + account.id() + ":user/" + name;
    }

    public String roleArn(String name) {
        return "arn:aws:iam::" + account.id() + ":role/" + name;
    }

    public User createUser(String name) {
        checkName("userName", name, 64);
        User user = new User(name, random.id("AIDA"), clock.instant());
        return store.write(tx -> {
            if (tx.users().find(name).isPresent()) {
                throw IamErrors.exists("User", name);
            }
            tx.users().insert(user);
            return user;
        });
    }

    /** Deletes the user with its access keys and inline policies. */
    public void deleteUser(String name) {
        store.write(tx -> {
            if (!tx.users().delete(name)) {
                throw IamErrors.noSuchUser(name);
            }
            return null;
        });
    }

    public List<User> listUsers() {
        return store.read(tx -> tx.users().list());
    }

    /** The ids of a user's access keys, oldest first. */
    public List<String> accessKeyIds(String userName) {
        return store.read(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            return tx.users().keys(userName).stream().map(AccessKey::accessKeyId).toList();
        });
    }

    public NewAccessKey createAccessKey(String userName) {
        String secret = random.secret();
        AccessKey key = new AccessKey(random.id("AKIA"), userName, sealer.seal(secret), clock.instant());
        store.write(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            if (tx.users().keys(userName).size() >= MAX_KEYS_PER_USER) {
                throw new LambdaException(ErrorCode.LIMIT_EXCEEDED,
                        "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
            }
            tx.users().insertKey(key);
            return null;
        });
        return new NewAccessKey(userName, key.accessKeyId(), secret, key.createdAt());
    }

    public void deleteAccessKey(String userName, String accessKeyId) {
        store.write(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            if (!tx.users().deleteKey(userName, accessKeyId)) {
                throw new LambdaException(ErrorCode.NO_SUCH_ENTITY,
                        "The Access Key with id " + accessKeyId + " cannot be found.");
            }
            return null;
        });
    }

    /** The user behind a key, if it is a user's key. */
    public Optional<KeyOwner> keyOwner(String accessKeyId) {
        return owners.get(accessKeyId, id -> store.read(tx -> tx.users().findKey(id).flatMap(k -> tx.users()
                .find(k.userName()).map(u -> new KeyOwner(k.userName(), userArn(k.userName()), u.userId(),
                        sealer.open(k.sealedSecret()))))));
    }

    /** Creates or replaces a named inline policy of a user. */
    public void putUserPolicy(String userName, String policyName, String document) {
        checkName("policyName", policyName, 128);
        identityPolicy(document);
        store.write(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            tx.users().putPolicy(userName, policyName, document);
            return null;
        });
    }

    public void deleteUserPolicy(String userName, String policyName) {
        store.write(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            if (!tx.users().deletePolicy(userName, policyName)) {
                throw new LambdaException(ErrorCode.NO_SUCH_ENTITY,
                        "The user policy with name " + policyName + " cannot be found.");
            }
            return null;
        });
    }

    /** A user's inline policies by name, as written. */
    public SortedMap<String, String> userPolicyDocuments(String userName) {
        return store.read(tx -> {
            tx.users().find(userName).orElseThrow(() -> IamErrors.noSuchUser(userName));
            return tx.users().policies(userName);
        });
    }

    /** A user's inline policies, parsed; none for a user that does not exist (any more). */
    public List<PolicyDocument> userPolicies(String userName) {
        return userPolicies.get(userName, name -> store.read(tx -> tx.users().policies(name)).values().stream()
                .map(d -> PolicyParser.parse(d, PolicyDocument.Kind.IDENTITY)).toList());
    }

    public Role createRole(String name, String document) {
        checkName("roleName", name, 64);
        identityPolicy(document);
        Role role = new Role(name, random.id("AROA"), document, clock.instant());
        return store.write(tx -> {
            if (tx.roles().find(name).isPresent()) {
                throw IamErrors.exists("Role", name);
            }
            tx.roles().insert(role);
            return role;
        });
    }

    public void deleteRole(String name) {
        store.write(tx -> {
            if (!tx.roles().delete(name)) {
                throw IamErrors.noSuchRole(name);
            }
            return null;
        });
    }

    public List<Role> listRoles() {
        return store.read(tx -> tx.roles().list());
    }

    /**
     * The policy of the role an ARN names ({@code arn:aws:iam::<account>:role/<name>}), for
     * execution-role sessions; empty for another account, a malformed ARN or an unknown role.
     */
    public Optional<PolicyDocument> rolePolicy(String roleArn) {
        String prefix = roleArn("");
        if (!roleArn.startsWith(prefix)) {
            return Optional.empty();
        }
        return rolePolicies.get(roleArn.substring(prefix.length()), name -> store.read(tx -> tx.roles().find(name))
                .map(r -> PolicyParser.parse(r.policy(), PolicyDocument.Kind.IDENTITY)));
    }

    /**
     * The unique id ({@code AROA…}) of the role an ARN names, the first half of its sessions' principal
     * id; empty for another account, a malformed ARN or an unknown role.
     */
    public Optional<String> roleId(String roleArn) {
        String prefix = roleArn("");
        if (!roleArn.startsWith(prefix)) {
            return Optional.empty();
        }
        return store.read(tx -> tx.roles().find(roleArn.substring(prefix.length()))).map(Role::roleId);
    }

    private static void identityPolicy(String document) {
        if (document.length() > MAX_POLICY_CHARS) {
            throw new LambdaException(ErrorCode.LIMIT_EXCEEDED,
                    "Maximum policy size of " + MAX_POLICY_CHARS + " bytes exceeded.");
        }
        try {
            PolicyParser.parse(document, PolicyDocument.Kind.IDENTITY);
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformed(e.getMessage());
        }
    }

    private static void checkName(String member, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max || !value.matches(NAME)) {
            throw IamErrors.invalidName(member, String.valueOf(value), max);
        }
    }
}
