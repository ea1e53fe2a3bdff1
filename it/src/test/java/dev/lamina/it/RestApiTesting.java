package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** What the REST API tests share: the SDK's API Gateway client, the echo functions, curl and java.net.http. */
final class RestApiTesting {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RestApiTesting() {
    }

    static ApiGatewayClient apiGateway(URI endpoint) {
        return ApiGatewayClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /**
     * The async client over netty, for the Update operations: they are PATCH requests, which the JDK's
     * HttpURLConnection (the sync clients' engine here) cannot send.
     */
    static software.amazon.awssdk.services.apigateway.ApiGatewayAsyncClient apiGatewayAsync(URI endpoint) {
        return software.amazon.awssdk.services.apigateway.ApiGatewayAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The future's value, or its failure's cause thrown as it is (an SDK exception). */
    static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static byte[] nodeEcho() {
        return Packages.zip(Map.of("echo.js", Packages.resource("fixtures/restapi/echo.js", 0644)));
    }

    static byte[] pythonEcho() {
        return Packages.zip(Map.of("echo.py", Packages.resource("fixtures/restapi/echo.py", 0644)));
    }

    static byte[] authorizer() {
        return Packages.zip(Map.of("authorizer.js", Packages.resource("fixtures/restapi/authorizer.js", 0644)));
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":function:" + name;
    }

    static String lambdaUri(String function) {
        return "arn:aws:apigateway:" + TestServer.REGION + ":lambda:path/2015-03-31/functions/" + functionArn(function)
                + "/invocations";
    }

    /** The statement the console adds: API Gateway may invoke the function for {@code sourceArn}. */
    static void allowApiGateway(LambdaClient lambda, String function, String sourceArn) {
        lambda.addPermission(b -> b.functionName(function).statementId("apigw-" + UUID.randomUUID())
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
    }

    static String executeApiArn(String apiId, String rest) {
        return "arn:aws:execute-api:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":" + apiId + "/" + rest;
    }

    /** {@code METHOD path} with a Lambda proxy integration; answers the resource id. */
    static void proxyMethod(ApiGatewayClient api, String apiId, String resourceId, String method, String function) {
        api.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method).authorizationType("NONE"));
        api.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method)
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(lambdaUri(function)));
    }

    /** The path-style address of a stage's path: {@code http://127.0.0.1:<port>/_aws/execute-api/<id>/<stage>/<path>}. */
    static URI pathStyle(URI endpoint, String apiId, String stageAndPath) {
        return endpoint.resolve("/_aws/execute-api/" + apiId + "/" + stageAndPath);
    }

    /** The host-style address: {@code http://<id>.execute-api.localhost:<port>/<stage>/<path>}. */
    static String hostStyle(URI endpoint, String apiId, String stageAndPath) {
        return "http://" + apiId + ".execute-api.localhost:" + endpoint.getPort() + "/" + stageAndPath;
    }

    static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> send(URI uri, String method, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** One curl run: the status, the headers (names lower-cased, last value), the body. */
    record Curl(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return RestApiTesting.json(body);
        }
    }

    /** Runs the real {@code curl -s -i} with these arguments (the URL among them). */
    static Curl curl(Path tmp, String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--max-time", "60"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(tmp, "curl", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("curl did not finish: " + command);
            }
            String text = Files.readString(out, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (p.exitValue() != 0 || end < 0) {
                throw new AssertionError("curl failed (" + p.exitValue() + "): " + command + "\n" + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            String body = new String(text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return new Curl(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code aws apigateway <args>} against the endpoint, with the CLI's JSON output; isolated from the user's AWS set-up. */
    static AwsCli.Result cli(URI endpoint, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "apigateway"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
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
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + command + " did not finish in 120 s");
            }
            return new AwsCli.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
