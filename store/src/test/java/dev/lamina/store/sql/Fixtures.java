package dev.lamina.store.sql;

import dev.lamina.model.Architecture;
import dev.lamina.model.CodeDigest;
import dev.lamina.model.CodeRef;
import dev.lamina.model.DeploymentState;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRecord;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LoggingConfig;
import dev.lamina.model.Qualifier;
import dev.lamina.model.RuntimeId;
import dev.lamina.model.TracingMode;
import dev.lamina.model.VpcConfig;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.secrets.SecretSealer;


import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Records for store tests. */
final class Fixtures {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private Fixtures() {
    }

    /** The environment variables' sealer of a test store. */
    static SecretSealer sealer() {
        return new AesGcmSealer(new byte[32], "environment-variables");
    }

    static CodeRef code(String content) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(content.getBytes());
            return new CodeRef(new CodeDigest(sha), content.length(), content.length() * 3L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration with every optional member set, so round trips test all of them. */
    static FunctionConfig fullConfig() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZED", "last-but-first");
        env.put("ALPHA", "ü ünïcode \"quoted\"");
        return new FunctionConfig("a description", Optional.of(new RuntimeId("python3.12")),
                Optional.of("app.handler"), "arn:aws:iam::123456789012:role/r", 512, 30, env, 1024,
                List.of("arn:aws:lambda:us-east-1:123456789012:layer:l:1"), TracingMode.ACTIVE,
                new LoggingConfig(LoggingConfig.LogFormat.JSON, Optional.of("DEBUG"), Optional.of("WARN"),
                        Optional.of("/custom/group")),
                Optional.of("arn:aws:sqs:us-east-1:123456789012:dlq"), Architecture.X86_64,
                Optional.of("arn:aws:kms:us-east-1:123456789012:key/k"),
                new VpcConfig(List.of("subnet-1"), List.of("sg-1"), true),
                FunctionConfig.SnapStartApplyOn.PUBLISHED_VERSIONS);
    }

    static FunctionRecord function(String name) {
        return new FunctionRecord(new FunctionName(name), Map.of("team", "a"), OptionalInt.empty(), 0, NOW);
    }

    static FunctionVersion latest(String name, CodeRef code) {
        return new FunctionVersion(new FunctionName(name), Qualifier.LATEST, FunctionConfig.defaults("role"), code,
                Optional.empty(), DeploymentState.CREATING, Optional.empty(), "rev-1", NOW);
    }

    static FunctionVersion published(String name, long number, CodeRef code) {
        FunctionConfig config = FunctionConfig.defaults("role");
        return new FunctionVersion(new FunctionName(name), new Qualifier.Version(number), config, code,
                Optional.of(new FunctionVersion.Deployed(config, code)), DeploymentState.ACTIVE, Optional.empty(),
                "rev-" + number, NOW);
    }
}
