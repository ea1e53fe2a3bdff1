package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.model.Alias;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionVersion;
import dev.lamina.server.http.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders Lamina's records as the Lambda model's response shapes. Members AWS leaves out when they
 * are unset (Environment, Layers, DeadLetterConfig, KMSKeyArn, VpcConfig) are left out here too.
 */
final class Shapes {
    /** AWS's LastModified format: {@code 2024-01-01T00:00:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private Shapes() {
    }

    static String lastModified(Instant instant) {
        return LAST_MODIFIED.format(instant);
    }

    /**
     * The FunctionConfiguration shape of a version.
     *
     * @param arn the FunctionArn to report: qualified as the caller asked, or by the version's number
     */
    static ObjectNode functionConfiguration(FunctionVersion v, FunctionArn arn) {
        FunctionConfig c = v.config();
        ObjectNode o = Json.object();
        o.put("FunctionName", v.functionName().value());
        o.put("FunctionArn", arn.toString());
        c.runtime().ifPresent(r -> o.put("Runtime", r.id()));
        o.put("Role", c.role());
        c.handler().ifPresent(h -> o.put("Handler", h));
        o.put("CodeSize", v.code().size());
        o.put("Description", c.description());
        o.put("Timeout", c.timeout());
        o.put("MemorySize", c.memorySize());
        o.put("LastModified", lastModified(v.lastModified()));
        o.put("CodeSha256", v.code().digest().base64());
        o.put("Version", v.version().value());
        if (!c.vpc().isEmpty()) {
            ObjectNode vpc = o.putObject("VpcConfig");
            c.vpc().subnetIds().forEach(vpc.putArray("SubnetIds")::add);
            c.vpc().securityGroupIds().forEach(vpc.putArray("SecurityGroupIds")::add);
            vpc.put("VpcId", "");
            vpc.put("Ipv6AllowedForDualStack", c.vpc().ipv6AllowedForDualStack());
        }
        if (!c.environment().isEmpty()) {
            ObjectNode variables = o.putObject("Environment").putObject("Variables");
            c.environment().forEach(variables::put);
        }
        c.kmsKeyArn().ifPresent(k -> o.put("KMSKeyArn", k));
        o.putObject("TracingConfig").put("Mode", c.tracingMode().wire());
        c.deadLetterTargetArn().ifPresent(t -> o.putObject("DeadLetterConfig").put("TargetArn", t));
        o.put("RevisionId", v.revisionId());
        if (!c.layers().isEmpty()) {
            ArrayNode layers = o.putArray("Layers");
            // Layers are recorded, not yet resolved, so their size is not known.
            c.layers().forEach(l -> layers.addObject().put("Arn", l).put("CodeSize", 0));
        }
        state(o, v);
        o.put("PackageType", "Zip");
        o.putArray("Architectures").add(c.architecture().wire());
        o.putObject("EphemeralStorage").put("Size", c.ephemeralStorageMb());
        o.putObject("SnapStart").put("ApplyOn", c.snapStart().wire()).put("OptimizationStatus", "Off");
        ObjectNode logging = o.putObject("LoggingConfig");
        logging.put("LogFormat", c.logging().logFormat().wire());
        c.logging().applicationLogLevel().ifPresent(l -> logging.put("ApplicationLogLevel", l));
        c.logging().systemLogLevel().ifPresent(l -> logging.put("SystemLogLevel", l));
        logging.put("LogGroup", c.logging().effectiveLogGroup(v.functionName()));
        return o;
    }

    private static void state(ObjectNode o, FunctionVersion v) {
        DeploymentState s = v.state();
        o.put("State", s.wireState());
        if (s.reportsStateReason()) {
            o.put("StateReason", DeploymentState.IN_PROGRESS_REASON);
            o.put("StateReasonCode", DeploymentState.IN_PROGRESS_REASON_CODE);
        }
        if (s == DeploymentState.CREATE_FAILED) {
            v.failure().ifPresent(f -> o.put("StateReason", f.reason()).put("StateReasonCode", f.reasonCode()));
        }
        o.put("LastUpdateStatus", s.wireLastUpdateStatus());
        if (s.inProgress()) {
            o.put("LastUpdateStatusReason", DeploymentState.IN_PROGRESS_REASON);
            o.put("LastUpdateStatusReasonCode", DeploymentState.IN_PROGRESS_REASON_CODE);
        }
        v.failure().ifPresent(f -> o.put("LastUpdateStatusReason", f.reason())
                .put("LastUpdateStatusReasonCode", f.reasonCode()));
    }

    static ObjectNode aliasConfiguration(Alias a, FunctionArn aliasArn) {
        ObjectNode o = Json.object();
        o.put("AliasArn", aliasArn.toString());
        o.put("Name", a.name().name());
        o.put("FunctionVersion", a.functionVersion());
        o.put("Description", a.description());
        if (!a.additionalWeights().isEmpty()) {
            ObjectNode weights = o.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            a.additionalWeights().forEach(weights::put);
        }
        o.put("RevisionId", a.revisionId());
        return o;
    }
}
