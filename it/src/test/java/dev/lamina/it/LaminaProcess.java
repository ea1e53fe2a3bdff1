package dev.lamina.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lamina server in its own JVM, started from the built distribution exactly as {@code ./lamina serve}
 * runs it, so tests can kill it with SIGKILL or stop it with SIGTERM.
 */
final class LaminaProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Lamina is ready at (http://\\S+)");

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private LaminaProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    static LaminaProcess start(Path dataDir) {
        return start(dataDir, List.of());
    }

    /** Starts a server on {@code dataDir} with more {@code serve} options, such as {@code --sqs-endpoint}. */
    static LaminaProcess start(Path dataDir, List<String> options) {
        return start(List.of(), dataDir, options);
    }

    /**
     * Starts a server whose command begins with {@code runAs}, such as {@code setpriv --reuid=…} to
     * run it as another user (who must own {@code dataDir}).
     */
    static LaminaProcess start(List<String> runAs, Path dataDir, List<String> options) {
        Path lib = Path.of(System.getProperty("lamina.dist.lib", "../cli/target/lamina/lib")).toAbsolutePath();
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("the distribution is not built at " + lib + "; run mvn package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path log = Files.createTempFile(dataDir.getParent(), "lamina-process-", ".log");
            List<String> command = new ArrayList<>(runAs);
            command.addAll(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                    "-cp", lib + "/*", "dev.lamina.cli.Lamina", "serve", "--port", "0", "--data-dir", dataDir.toString()));
            command.addAll(options);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("LAMINA_ROOT_ACCESS_KEY_ID", TestServer.KEYS.accessKeyId());
            pb.environment().put("LAMINA_ROOT_SECRET_ACCESS_KEY", TestServer.KEYS.secretAccessKey());
            pb.redirectError(log.toFile());
            Process process = pb.start();
            URI endpoint = awaitReady(process, log);
            return new LaminaProcess(process, endpoint, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI awaitReady(Process process, Path log) throws IOException {
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                URI found = null;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find() && found == null) {
                        found = URI.create(m.group(1));
                        return found;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            URI endpoint = ready.get(60, TimeUnit.SECONDS);
            if (endpoint == null) {
                throw new IllegalStateException("the server exited before it was ready:\n" + Files.readString(log));
            }
            return endpoint;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not become ready:\n" + Files.readString(log), e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    LambdaClient lambda() {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the process to end; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
