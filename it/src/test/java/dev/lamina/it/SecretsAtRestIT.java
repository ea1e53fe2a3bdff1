package dev.lamina.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.lamina.server.ExecutionConfig;
import dev.lamina.server.MasterKey;
import dev.lamina.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Environment variables are secrets: sealed with the master key in every file Lamina writes, never
 * in its log or any process's arguments, and yet every function sees them in the clear. A server
 * with another master key refuses to start rather than hand out garbage.
 */
class SecretsAtRestIT {
    /** Returns the variable it was deployed with, so the test sees what the function sees. */
    private static final byte[] READS_ITS_VARIABLE = Zips.of(Map.of("index.js",
            "exports.handler = async () => ({ password: process.env.DB_PASSWORD });\n"));

    @TempDir
    Path tmp;

    @Test
    void variablesReachTheFunctionButNoFileLogOrProcessArgumentHoldsThem() throws Exception {
        String latestSecret = "latest-" + UUID.randomUUID();
        String publishedSecret = "published-" + UUID.randomUUID();
        Path dataDir = tmp.resolve("data");
        List<String> log = new ArrayList<>();
        try (var captured = captureServerLog(log);
             TestServer server = TestServer.start(dataDir, ExecutionConfig.defaults());
             LambdaClient lambda = server.lambda()) {
            Functions.create(lambda, "secretive", "nodejs20.x", "index.handler", READS_ITS_VARIABLE,
                    b -> b.environment(e -> e.variables(Map.of("DB_PASSWORD", publishedSecret))));
            String version = lambda.publishVersion(b -> b.functionName("secretive")).version();
            lambda.updateFunctionConfiguration(b -> b.functionName("secretive")
                    .environment(e -> e.variables(Map.of("DB_PASSWORD", latestSecret))));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("secretive"));

            assertThat(lambda.getFunctionConfiguration(b -> b.functionName("secretive")).environment().variables())
                    .containsEntry("DB_PASSWORD", latestSecret);
            assertThat(lambda.getFunction(b -> b.functionName("secretive").qualifier(version))
                    .configuration().environment().variables()).containsEntry("DB_PASSWORD", publishedSecret);
            assertThat(Functions.invoke(lambda, "secretive", "{}").json().path("password").asText())
                    .isEqualTo(latestSecret);
            assertThat(lambda.invoke(b -> b.functionName("secretive").qualifier(version)).payload().asUtf8String())
                    .contains(publishedSecret);
            lambda.invoke(b -> b.functionName("secretive").invocationType("Event"));

            // The environments are warm now: their processes' argument vectors are visible to every
            // user of the host, so the variables must travel in the environment, not the arguments.
            assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                    .noneMatch(cmd -> cmd.contains(latestSecret) || cmd.contains(publishedSecret));
        }
        assertThat(filesContaining(dataDir, latestSecret)).isEmpty();
        assertThat(filesContaining(dataDir, publishedSecret)).isEmpty();
        assertThat(log).isNotEmpty().noneMatch(line -> line.contains(latestSecret) || line.contains(publishedSecret));
    }

    @Test
    void aMasterKeyFromTheEnvironmentIsUsedInsteadOfTheFileAndAnotherKeyCannotStartTheServer() throws Exception {
        Path dataDir = tmp.resolve("data");
        ServerConfig config = ServerConfig.local(dataDir, TestServer.KEYS, ExecutionConfig.defaults());
        MasterKey given = randomKey();
        try (TestServer server = TestServer.start(config.withMasterKey(given)); LambdaClient lambda = server.lambda()) {
            Functions.create(lambda, "keyed", "nodejs20.x", "index.handler", READS_ITS_VARIABLE,
                    b -> b.environment(e -> e.variables(Map.of("DB_PASSWORD", "opens-with-the-given-key"))));
        }
        assertThat(dataDir.resolve("master-key")).as("no key file when the key is given").doesNotExist();

        assertThatThrownBy(() -> TestServer.start(config.withMasterKey(randomKey())))
                .hasStackTraceContaining("stored environment variables do not open with this master key")
                .hasStackTraceContaining("LAMINA_MASTER_KEY");
        assertThatThrownBy(() -> TestServer.start(config)).as("nor with a newly generated key file")
                .hasStackTraceContaining("do not open with this master key");

        Files.delete(dataDir.resolve("master-key"));
        try (TestServer server = TestServer.start(config.withMasterKey(given)); LambdaClient lambda = server.lambda()) {
            var c = lambda.getFunctionConfiguration(b -> b.functionName("keyed"));
            assertThat(c.environment().variables()).containsEntry("DB_PASSWORD", "opens-with-the-given-key");
            assertThat(Functions.invoke(lambda, "keyed", "{}").json().path("password").asText())
                    .isEqualTo("opens-with-the-given-key");
        }
    }

    private static MasterKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(key));
    }

    /** Every regular file under {@code dir} whose bytes contain {@code text} (in UTF-8). */
    static List<Path> filesContaining(Path dir, String text) throws IOException {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /**
     * Everything Lamina logs, at every level, while the returned handle is open: each event's
     * formatted message and its stack trace, one string per event.
     */
    static AutoCloseable captureServerLog(List<String> into) {
        Logger lamina = (Logger) LoggerFactory.getLogger("dev.lamina");
        Level before = lamina.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        lamina.addAppender(appender);
        lamina.setLevel(Level.ALL);
        return () -> {
            lamina.detachAppender(appender);
            lamina.setLevel(before);
            for (ILoggingEvent e : appender.list) {
                into.add(e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
    }
}
