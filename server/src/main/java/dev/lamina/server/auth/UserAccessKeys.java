package dev.lamina.server.auth;

import dev.lamina.control.iam.Identities;

import java.util.Optional;

/** Users' access keys, from the store (secrets opened with the master key). */
public final class UserAccessKeys implements AccessKeys {
    private final Identities identities;

    public UserAccessKeys(Identities identities) {
        this.identities = identities;
    }

    @Override
    public Optional<SigningKey> find(String accessKeyId) {
        return identities.keyOwner(accessKeyId).map(owner -> new SigningKey(owner.secretAccessKey(),
                new Caller(accessKeyId, owner.userArn(), Caller.Kind.USER, owner.userId()), Optional.empty(), Optional.empty()));
    }
}
