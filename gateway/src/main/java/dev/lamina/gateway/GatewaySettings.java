package dev.lamina.gateway;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;

import java.util.Objects;

/**
 * The front doors' settings, read once in {@code Main}.
 *
 * @param region  the region in URLs, ARNs and events ({@code us-east-1})
 * @param account the account in ARNs and events
 */
public record GatewaySettings(Region region, AccountId account) {
    public GatewaySettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
    }
}
