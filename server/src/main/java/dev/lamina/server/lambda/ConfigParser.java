package dev.lamina.server.lambda;

import dev.lamina.control.ConfigPatch;
import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LambdaException;
import dev.lamina.model.LoggingConfig;
import dev.lamina.model.RuntimeId;
import dev.lamina.model.TracingMode;
import dev.lamina.model.VpcConfig;
import dev.lamina.model.WireValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration members shared by CreateFunction and UpdateFunctionConfiguration into a
 * {@link ConfigPatch}, checking each against the Lambda model's constraints. Features Lamina does not
 * have (container images, EFS, code signing) are refused here with a clear message rather than
 * silently ignored.
 */
final class ConfigParser {
    static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    static final String HANDLER_PATTERN = "[^\\s]+";
    static final String ARN_PATTERN = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
    static final String LAYER_PATTERN = "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+";
    static final String LOG_GROUP_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
    static final String VARIABLE_NAME_PATTERN = "[a-zA-Z]([a-zA-Z0-9_])+";
    static final List<String> APPLICATION_LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    static final List<String> SYSTEM_LOG_LEVELS = List.of("DEBUG", "INFO", "WARN");

    private ConfigParser() {
    }

    static ConfigPatch parse(Fields f, Violations v) {
        refuseUnsupported(f);
        Optional<String> description = f.string("Description");
        description.ifPresent(d -> v.length("description", d, 0, 256));
        Optional<String> runtimeName = f.string("Runtime");
        runtimeName.ifPresent(r -> v.oneOf("runtime", r, RuntimeId.ALL));
        Optional<String> handler = f.string("Handler");
        handler.ifPresent(h -> {
            v.length("handler", h, 0, 128);
            v.pattern("handler", h, HANDLER_PATTERN);
        });
        Optional<String> role = f.string("Role");
        role.ifPresent(r -> v.pattern("role", r, ROLE_PATTERN));
        Optional<Integer> memory = f.integer("MemorySize");
        memory.ifPresent(m -> {
            v.min("memorySize", m, 128);
            v.max("memorySize", m, 32768);
        });
        Optional<Integer> timeout = f.integer("Timeout");
        timeout.ifPresent(t -> v.min("timeout", t, 1));
        Optional<Map<String, String>> environment = f.object("Environment").map(e -> variables(e, v));
        Optional<Integer> ephemeral = f.object("EphemeralStorage").map(e -> {
            Optional<Integer> size = e.integer("Size");
            v.required("ephemeralStorage.size", size.orElse(null));
            size.ifPresent(s -> {
                v.min("ephemeralStorage.size", s, 512);
                v.max("ephemeralStorage.size", s, 10240);
            });
            return size.orElse(FunctionConfig.DEFAULT_EPHEMERAL_STORAGE_MB);
        });
        Optional<List<String>> layers = f.strings("Layers");
        layers.ifPresent(list -> list.forEach(arn -> {
            v.length("layers.member", arn, 1, 140);
            v.pattern("layers.member", arn, LAYER_PATTERN);
        }));
        Optional<TracingMode> tracing = f.object("TracingConfig")
                .flatMap(t -> t.string("Mode"))
                .flatMap(mode -> enumValue(v, "tracingConfig.mode", mode, TracingMode.class));
        Optional<ConfigPatch.LoggingPatch> logging = f.object("LoggingConfig").map(l -> logging(l, v));
        Optional<String> deadLetter = f.object("DeadLetterConfig").map(d -> d.string("TargetArn").orElse(""));
        deadLetter.ifPresent(arn -> v.pattern("deadLetterConfig.targetArn", arn, ARN_PATTERN));
        Optional<String> kms = f.string("KMSKeyArn");
        kms.ifPresent(k -> v.pattern("kMSKeyArn", k, ARN_PATTERN));
        Optional<VpcConfig> vpc = f.object("VpcConfig").map(c -> vpc(c, v));
        Optional<FunctionConfig.SnapStartApplyOn> snapStart = f.object("SnapStart")
                .flatMap(s -> s.string("ApplyOn"))
                .flatMap(a -> enumValue(v, "snapStart.applyOn", a, FunctionConfig.SnapStartApplyOn.class));
        Optional<Architecture> architecture = architectures(f, v);
        return new ConfigPatch(description,
                runtimeName.filter(RuntimeId::isKnown).map(RuntimeId::new),
                handler, role, memory, timeout, environment, ephemeral, layers, tracing, logging, deadLetter,
                architecture, kms, vpc, snapStart);
    }

    /** The Architectures member: a list of exactly one of x86_64 and arm64. */
    static Optional<Architecture> architectures(Fields f, Violations v) {
        Optional<List<String>> list = f.strings("Architectures");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.get().size() != 1) {
            v.add("architectures", list.get(), list.get().isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 1");
            return Optional.empty();
        }
        return enumValue(v, "architectures.member", list.get().getFirst(), Architecture.class);
    }

    private static Map<String, String> variables(Fields environment, Violations v) {
        Map<String, String> variables = environment.stringMap("Variables").orElse(Map.of());
        for (String key : variables.keySet()) {
            if (!key.matches(VARIABLE_NAME_PATTERN)) {
                v.addSensitive("environment.variables",
                        "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                                + VARIABLE_NAME_PATTERN + "]");
                break;
            }
        }
        return variables;
    }

    private static ConfigPatch.LoggingPatch logging(Fields l, Violations v) {
        Optional<LoggingConfig.LogFormat> format = l.string("LogFormat").flatMap(s -> enumValue(v,
                "loggingConfig.logFormat", s, LoggingConfig.LogFormat.class));
        Optional<String> app = l.string("ApplicationLogLevel");
        app.ifPresent(a -> v.oneOf("loggingConfig.applicationLogLevel", a, APPLICATION_LOG_LEVELS));
        Optional<String> sys = l.string("SystemLogLevel");
        sys.ifPresent(s -> v.oneOf("loggingConfig.systemLogLevel", s, SYSTEM_LOG_LEVELS));
        Optional<String> group = l.string("LogGroup");
        group.ifPresent(g -> {
            v.length("loggingConfig.logGroup", g, 1, 512);
            v.pattern("loggingConfig.logGroup", g, LOG_GROUP_PATTERN);
        });
        return new ConfigPatch.LoggingPatch(format, app, sys, group);
    }

    private static VpcConfig vpc(Fields c, Violations v) {
        List<String> subnets = c.strings("SubnetIds").orElse(List.of());
        List<String> groups = c.strings("SecurityGroupIds").orElse(List.of());
        if (subnets.size() > 16) {
            v.add("vpcConfig.subnetIds", subnets, "Member must have length less than or equal to 16");
        }
        if (groups.size() > 5) {
            v.add("vpcConfig.securityGroupIds", groups, "Member must have length less than or equal to 5");
        }
        return new VpcConfig(subnets, groups, c.bool("Ipv6AllowedForDualStack").orElse(false));
    }

    private static <E extends Enum<E> & WireValue> Optional<E> enumValue(Violations v, String member, String value,
                                                                         Class<E> type) {
        Optional<E> parsed = WireValue.parse(type, value);
        if (parsed.isEmpty()) {
            v.oneOf(member, value, Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList());
        }
        return parsed;
    }

    private static void refuseUnsupported(Fields f) {
        if (f.string("PackageType").filter("Image"::equals).isPresent() || f.has("ImageConfig")) {
            throw LambdaException.invalidParameter(
                    "Lamina runs functions from .zip deployment packages only; container images are not supported.");
        }
        if (f.listSize("FileSystemConfigs") > 0) {
            throw LambdaException.invalidParameter("Lamina has no Amazon EFS: FileSystemConfigs are not supported.");
        }
        if (f.string("CodeSigningConfigArn").filter(s -> !s.isEmpty()).isPresent()) {
            throw LambdaException.invalidParameter("Lamina does not support code signing configurations.");
        }
        for (String member : List.of("CapacityProviderConfig", "DurableConfig", "TenancyConfig")) {
            if (f.has(member)) {
                throw LambdaException.invalidParameter("Lamina does not support " + member + ".");
            }
        }
    }
}
