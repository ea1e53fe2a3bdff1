-- Identities: users with access keys and inline identity policies, and roles (execution roles).
-- Secret access keys are sealed (AES-256-GCM, purpose "access-keys") before they are written.
-- Policy documents are the JSON text the administrator gave, validated on write.

CREATE TABLE iam_users (
    name        TEXT   NOT NULL PRIMARY KEY,
    user_id     TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE iam_access_keys (
    access_key_id TEXT   NOT NULL PRIMARY KEY,
    user_name     TEXT   NOT NULL REFERENCES iam_users (name),
    sealed_secret TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE INDEX iam_access_keys_user ON iam_access_keys (user_name);

CREATE TABLE iam_user_policies (
    user_name   TEXT NOT NULL REFERENCES iam_users (name),
    policy_name TEXT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (user_name, policy_name)
);

CREATE TABLE iam_roles (
    name        TEXT   NOT NULL PRIMARY KEY,
    role_id     TEXT   NOT NULL,
    policy      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

-- A function's resource-based policy (AddPermission), one per qualifier; '' is the unqualified
-- function (and $LATEST). The policy is the JSON document GetPolicy returns.
CREATE TABLE function_policies (
    function_name TEXT NOT NULL REFERENCES functions (name),
    qualifier     TEXT NOT NULL,
    policy        TEXT NOT NULL,
    revision_id   TEXT NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
