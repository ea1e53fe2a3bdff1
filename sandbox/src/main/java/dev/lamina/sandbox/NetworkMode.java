package dev.lamina.sandbox;

/**
 * What a sandbox's own network namespace lets out. Either way the sandbox has its own loopback, and
 * Lamina listens there for the environment (the Runtime API; in {@link #EGRESS} also a relay to
 * Lamina's own API).
 */
public enum NetworkMode {
    /**
     * Outbound connections to the world work (through a user-mode NAT), but not to any address of
     * the host itself (so neither Lamina's ports nor other environments) nor to link-local
     * addresses such as 169.254.169.254.
     */
    EGRESS,
    /** Nothing but the sandbox's own loopback, like a function in a VPC without a NAT gateway. */
    NONE
}
