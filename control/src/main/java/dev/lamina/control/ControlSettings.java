package dev.lamina.control;

import dev.lamina.model.AccountId;
import dev.lamina.model.Architecture;
import dev.lamina.model.Region;

import java.util.Objects;

/**
 * The settings the control plane runs with, read once by the composition root.
 *
 * @param hostArchitecture       the only architecture functions may use on this host
 * @param accountConcurrency     AWS's ConcurrentExecutions account limit
 * @param minimumUnreserved      concurrency that reservations must leave to unreserved functions
 * @param totalCodeSizeLimit     the bytes all packages together may take (AWS: 75 GB)
 * @param maxZippedBytes         the largest package (AWS: 50 MB)
 * @param maxUnzippedBytes       the largest unpacked package (AWS: 250 MB)
 */
public record ControlSettings(
        Region region,
        AccountId account,
        Architecture hostArchitecture,
        int accountConcurrency,
        int minimumUnreserved,
        long totalCodeSizeLimit,
        long maxZippedBytes,
        long maxUnzippedBytes) {

    public static final int AWS_ACCOUNT_CONCURRENCY = 1000;
    public static final int AWS_MINIMUM_UNRESERVED = 100;
    public static final long AWS_TOTAL_CODE_SIZE = 80_530_636_800L;
    public static final long AWS_MAX_ZIPPED_BYTES = 52_428_800L;
    public static final long AWS_MAX_UNZIPPED_BYTES = 262_144_000L;

    public ControlSettings {
        Objects.requireNonNull(region);
        Objects.requireNonNull(account);
        Objects.requireNonNull(hostArchitecture);
        if (accountConcurrency < 1 || minimumUnreserved < 0 || minimumUnreserved > accountConcurrency) {
            throw new IllegalArgumentException("concurrency limits out of range");
        }
        if (totalCodeSizeLimit < 1 || maxZippedBytes < 1 || maxUnzippedBytes < 1) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }

    /**
     * These settings with another account concurrency limit. AWS keeps 100 of its 1,000 unreserved;
     * a smaller limit keeps a tenth (rounded down), so that reservations stay possible.
     */
    public ControlSettings withAccountConcurrency(int limit) {
        return new ControlSettings(region, account, hostArchitecture, limit, Math.min(AWS_MINIMUM_UNRESERVED, limit / 10),
                totalCodeSizeLimit, maxZippedBytes, maxUnzippedBytes);
    }

    /** AWS's default limits for a region and account on a host of the given architecture. */
    public static ControlSettings awsDefaults(Region region, AccountId account, Architecture host) {
        return new ControlSettings(region, account, host, AWS_ACCOUNT_CONCURRENCY, AWS_MINIMUM_UNRESERVED,
                AWS_TOTAL_CODE_SIZE, AWS_MAX_ZIPPED_BYTES, AWS_MAX_UNZIPPED_BYTES);
    }
}
