package dev.lamina.model;

import java.util.List;

/**
 * A function's VpcConfig, recorded so that deployment tools that set it keep working. Lamina has
 * no VPCs: the ids are stored and reported back, and a config that names subnets gives the
 * function network mode none (nothing but its own loopback), as a VPC without a NAT gateway would.
 */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds, boolean ipv6AllowedForDualStack) {
    public static final VpcConfig NONE = new VpcConfig(List.of(), List.of(), false);

    public VpcConfig {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    public boolean isEmpty() {
        return subnetIds.isEmpty() && securityGroupIds.isEmpty();
    }
}
