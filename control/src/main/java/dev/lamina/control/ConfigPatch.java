package dev.lamina.control;

import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LoggingConfig;
import dev.lamina.model.RuntimeId;
import dev.lamina.model.TracingMode;
import dev.lamina.model.VpcConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a CreateFunction or UpdateFunctionConfiguration request names; an empty component
 * leaves the setting as it was (or at AWS's default, for a new function). The edge has already
 * checked each value against the model's constraints; {@link FunctionConfigRules} checks the
 * resulting configuration as a whole.
 *
 * @param deadLetterTargetArn an empty string removes the dead-letter queue, as on AWS
 * @param kmsKeyArn           an empty string returns to the default key, as on AWS
 */
public record ConfigPatch(
        Optional<String> description,
        Optional<RuntimeId> runtime,
        Optional<String> handler,
        Optional<String> role,
        Optional<Integer> memorySize,
        Optional<Integer> timeout,
        Optional<Map<String, String>> environment,
        Optional<Integer> ephemeralStorageMb,
        Optional<List<String>> layers,
        Optional<TracingMode> tracingMode,
        Optional<LoggingPatch> logging,
        Optional<String> deadLetterTargetArn,
        Optional<Architecture> architecture,
        Optional<String> kmsKeyArn,
        Optional<VpcConfig> vpc,
        Optional<FunctionConfig.SnapStartApplyOn> snapStart) {

    /** The members of a LoggingConfig structure a request names. */
    public record LoggingPatch(Optional<LoggingConfig.LogFormat> logFormat, Optional<String> applicationLogLevel,
                               Optional<String> systemLogLevel, Optional<String> logGroup) {

        /**
         * Levels exist only for the JSON format: switching to Text drops them (a Text request that
         * names levels keeps them, for the rules to refuse), and a JSON configuration without them
         * gets AWS's defaults, INFO and INFO, which GetFunctionConfiguration then shows.
         */
        LoggingConfig applyTo(LoggingConfig base) {
            LoggingConfig.LogFormat format = logFormat.orElse(base.logFormat());
            if (format == LoggingConfig.LogFormat.TEXT) {
                return new LoggingConfig(format, applicationLogLevel, systemLogLevel, logGroup.or(base::logGroup));
            }
            return new LoggingConfig(format,
                    applicationLogLevel.or(base::applicationLogLevel).or(() -> Optional.of(DEFAULT_LEVEL)),
                    systemLogLevel.or(base::systemLogLevel).or(() -> Optional.of(DEFAULT_LEVEL)),
                    logGroup.or(base::logGroup));
        }
    }

    /** The application and system log level of a JSON-format function that names none. */
    static final String DEFAULT_LEVEL = "INFO";

    public static final ConfigPatch NONE = new ConfigPatch(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** The configuration {@code base} becomes with this patch applied. */
    public FunctionConfig applyTo(FunctionConfig base) {
        return new FunctionConfig(
                description.orElse(base.description()),
                runtime.or(base::runtime),
                handler.or(base::handler),
                role.orElse(base.role()),
                memorySize.orElse(base.memorySize()),
                timeout.orElse(base.timeout()),
                environment.orElse(base.environment()),
                ephemeralStorageMb.orElse(base.ephemeralStorageMb()),
                layers.orElse(base.layers()),
                tracingMode.orElse(base.tracingMode()),
                logging.map(l -> l.applyTo(base.logging())).orElse(base.logging()),
                clearable(deadLetterTargetArn, base.deadLetterTargetArn()),
                architecture.orElse(base.architecture()),
                clearable(kmsKeyArn, base.kmsKeyArn()),
                vpc.orElse(base.vpc()),
                snapStart.orElse(base.snapStart()));
    }

    private static Optional<String> clearable(Optional<String> patch, Optional<String> base) {
        if (patch.isEmpty()) {
            return base;
        }
        return patch.get().isEmpty() ? Optional.empty() : patch;
    }
}
