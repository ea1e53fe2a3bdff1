package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the AWS CLI v2 (Debian's awscli, at the path in the {@code lamina.aws.cli} system property)
 * against a Lamina endpoint, isolated from the user's own AWS configuration.
 */
final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One finished command: exit code, standard output parsed as JSON when it is JSON, standard error. */
    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + stdout + "\nstderr: " + stderr, e);
            }
        }

        Result succeeded() {
            assertThat(exitCode).as("exit code; stderr: %s", stderr).isZero();
            return this;
        }
    }

    private final Path executable;
    private final URI endpoint;
    private final Path home;

    AwsCli(URI endpoint, Path home) {
        this.executable = Path.of(System.getProperty("lamina.aws.cli", "/usr/bin/aws"));
        this.endpoint = endpoint;
        this.home = home;
    }

    /** The CLI's own version line; the tests need CLI v2 and say so when it is missing. */
    String version() {
        if (!Files.isExecutable(executable)) {
            throw new AssertionError("the AWS CLI v2 is not at " + executable
                    + "; install Debian's awscli package (.ci/run does)");
        }
        return run(List.of("--version")).stdout().trim();
    }

    /** {@code aws lambda <args>} with JSON output. */
    Result lambda(String... args) {
        return lambdaWith(Map.of(), args);
    }

    /** {@code aws lambda <args>} with some of the environment (credentials, region) replaced. */
    Result lambdaWith(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("lambda"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        return run(command, environment);
    }

    /** {@code aws sqs <args>} with JSON output. */
    Result sqs(String... args) {
        return service("sqs", args);
    }

    /** {@code aws <service> <args>} with JSON output ({@code apigateway}, {@code apigatewayv2}, …). */
    Result service(String service, String... args) {
        List<String> command = new ArrayList<>(List.of(service));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        return run(command, Map.of());
    }

    /** {@code aws logs <args>} against this endpoint (a subcommand's own output options left alone). */
    Result logs(String... args) {
        return run(logsCommand(args), Map.of());
    }

    /**
     * Starts {@code aws logs <args>} (for {@code tail --follow}, which never ends by itself), its
     * standard output and error going to files in the CLI's home. Stop it with destroy().
     */
    Process startLogs(Path stdout, String... args) throws IOException {
        ProcessBuilder pb = processBuilder(logsCommand(args), Map.of());
        return pb.redirectOutput(stdout.toFile()).redirectError(home.resolve("follow-err.txt").toFile()).start();
    }

    private List<String> logsCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("logs"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString()));
        return command;
    }

    private Result run(List<String> args) {
        return run(args, Map.of());
    }

    private ProcessBuilder processBuilder(List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_ACCESS_KEY_ID", TestServer.KEYS.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", TestServer.KEYS.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", TestServer.REGION);
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.putAll(environment);
        return pb;
    }

    private Result run(List<String> args, Map<String, String> environment) {
        ProcessBuilder pb = processBuilder(args, environment);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + args + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
