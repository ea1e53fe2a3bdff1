package dev.lamina.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one function version that a user chooses with CreateFunction and
 * UpdateFunctionConfiguration. Immutable; a published version keeps a copy of $LATEST's.
 * Validation against AWS's rules happens in the control plane before a config is stored;
 * this record only guarantees that no component is null.
 *
 * @param runtime              empty only for container-image functions, which Lamina does not run
 * @param handler              empty only for container-image functions
 * @param environment          variables in the order the user gave them
 * @param ephemeralStorageMb   the size of /tmp in MB
 * @param layers               layer version ARNs, stored (layers arrive with their own issue)
 * @param vpc                  recorded only; see {@link VpcConfig}
 */
public record FunctionConfig(
        String description,
        Optional<RuntimeId> runtime,
        Optional<String> handler,
        String role,
        int memorySize,
        int timeout,
        Map<String, String> environment,
        int ephemeralStorageMb,
        List<String> layers,
        TracingMode tracingMode,
        LoggingConfig logging,
        Optional<String> deadLetterTargetArn,
        Architecture architecture,
        Optional<String> kmsKeyArn,
        VpcConfig vpc,
        SnapStartApplyOn snapStart) {

    /** Like a record's, but the variables show their names only: their values may be secrets. */
    @Override
    public String toString() {
        return "FunctionConfig[description=" + description + ", runtime=" + runtime + ", handler=" + handler
                + ", role=" + role + ", memorySize=" + memorySize + ", timeout=" + timeout
                + ", environment=" + environment.keySet() + " (values hidden), ephemeralStorageMb=" + ephemeralStorageMb
                + ", layers=" + layers + ", tracingMode=" + tracingMode + ", logging=" + logging
                + ", deadLetterTargetArn=" + deadLetterTargetArn + ", architecture=" + architecture
                + ", kmsKeyArn=" + kmsKeyArn + ", vpc=" + vpc + ", snapStart=" + snapStart + "]";
    }

    /** SnapStart.ApplyOn. Recorded; Lamina's cold starts do not use snapshots. */
    public enum SnapStartApplyOn implements WireValue {
        NONE("None"),
        PUBLISHED_VERSIONS("PublishedVersions");

        private final String wire;

        SnapStartApplyOn(String wire) {
            this.wire = wire;
        }

        @Override
    public String wire() {
            return wire;
        }

        public static Optional<SnapStartApplyOn> fromWire(String text) {
            return WireValue.parse(SnapStartApplyOn.class, text);
        }
    }

    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public FunctionConfig {
        Objects.requireNonNull(description);
        Objects.requireNonNull(runtime);
        Objects.requireNonNull(handler);
        Objects.requireNonNull(role);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        layers = List.copyOf(layers);
        Objects.requireNonNull(tracingMode);
        Objects.requireNonNull(logging);
        Objects.requireNonNull(deadLetterTargetArn);
        Objects.requireNonNull(architecture);
        Objects.requireNonNull(kmsKeyArn);
        Objects.requireNonNull(vpc);
        Objects.requireNonNull(snapStart);
    }

    /** AWS's defaults for everything CreateFunction leaves out. */
    public static FunctionConfig defaults(String role) {
        return new FunctionConfig("", Optional.empty(), Optional.empty(), role, DEFAULT_MEMORY_MB,
                DEFAULT_TIMEOUT_SECONDS, Map.of(), DEFAULT_EPHEMERAL_STORAGE_MB, List.of(),
                TracingMode.PASS_THROUGH, LoggingConfig.DEFAULT, Optional.empty(), Architecture.X86_64,
                Optional.empty(), VpcConfig.NONE, SnapStartApplyOn.NONE);
    }

    public FunctionConfig withDescription(String newDescription) {
        return new FunctionConfig(newDescription, runtime, handler, role, memorySize, timeout, environment,
                ephemeralStorageMb, layers, tracingMode, logging, deadLetterTargetArn, architecture, kmsKeyArn,
                vpc, snapStart);
    }

    public FunctionConfig withArchitecture(Architecture newArchitecture) {
        return new FunctionConfig(description, runtime, handler, role, memorySize, timeout, environment,
                ephemeralStorageMb, layers, tracingMode, logging, deadLetterTargetArn, newArchitecture, kmsKeyArn,
                vpc, snapStart);
    }
}
