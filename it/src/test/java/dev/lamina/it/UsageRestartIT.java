package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage report survives a clean stop (SIGTERM) of a real server process, which writes what it
 * had not flushed yet, and {@code lamina usage}, run as its own process, prints the same figures in
 * its table and its JSON.
 */
class UsageRestartIT {
    @TempDir
    Path tmp;

    @Test
    void aCleanRestartKeepsEveryFigureAndTheCliPrintsThem() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Instant since = Instant.now();
        UsageLedger ledger = new UsageLedger();
        try (LaminaProcess server = LaminaProcess.start(dataDir); LambdaClient lambda = server.lambda()) {
            Functions.create(lambda, "restart-node", "nodejs20.x", "index.handler", Packages.nodejs(),
                    b -> b.memorySize(192));
            Functions.create(lambda, "restart-python", "python3.12", "app.handler", Packages.python(),
                    b -> b.memorySize(320));
            for (int i = 0; i < 3; i++) {
                ledger.add("restart-node", Functions.invoke(lambda, "restart-node", "{\"action\":\"echo\"}").log());
                ledger.add("restart-python", Functions.invoke(lambda, "restart-python",
                        "{\"action\":\"sleep\",\"ms\":" + (i * 7) + "}").log());
            }
            // The last invocations end moments before the stop: unless a background flush ran in
            // between, only the stop's own flush writes them.
            assertThat(server.terminate()).isIn(0, 143); // 143: SIGTERM, after the shutdown hook stopped the server
        }
        try (LaminaProcess server = LaminaProcess.start(dataDir)) {
            String endpoint = server.endpoint().toString();
            CliRun json = cli("usage", "--endpoint", endpoint, "--since", since.toString(), "--output", "json");
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode report = Functions.JSON.readTree(json.out());
            ledger.assertMatches(report);

            CliRun table = cli("usage", "--endpoint", endpoint, "--since", "1h");
            assertThat(table.exitCode()).as(table.err()).isZero();
            for (JsonNode line : report.get("usage")) {
                assertThat(table.out()).containsPattern("(?m)^" + line.get("functionName").asText() + "\\s+"
                        + java.util.regex.Pattern.quote(line.get("version").asText()) + "\\s+"
                        + line.get("memoryMb").asText() + "\\s+" + line.get("requests").asText() + "\\s+"
                        + line.get("billedDurationMs").asText() + "\\s+"
                        + new BigDecimal(line.get("gbSeconds").asText()).toPlainString() + "\\s+");
            }
            JsonNode totals = report.get("totals");
            assertThat(table.out()).containsPattern("(?m)^TOTAL\\s+" + totals.get("requests").asText() + "\\s+"
                    + totals.get("billedDurationMs").asText() + "\\s+" + totals.get("gbSeconds").asText() + "\\s+");

            CliRun bad = cli("usage", "--endpoint", endpoint, "--since", "last tuesday");
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).contains("lamina usage: InvalidParameterValueException: since must be an ISO-8601");
        }
    }

    record CliRun(int exitCode, String out, String err) {
    }

    /** Runs the CLI's main class in a JVM of its own, from the built distribution, with the root keys in its environment. */
    static CliRun cli(String... args) throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("lamina.dist.lib", "../cli/target/lamina/lib")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", lib + "/*", "dev.lamina.cli.Lamina"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LAMINA_ROOT_ACCESS_KEY_ID", TestServer.KEYS.accessKeyId());
        pb.environment().put("LAMINA_ROOT_SECRET_ACCESS_KEY", TestServer.KEYS.secretAccessKey());
        Process process = pb.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lamina " + String.join(" ", args) + " did not end within 60 s");
        }
        return new CliRun(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
