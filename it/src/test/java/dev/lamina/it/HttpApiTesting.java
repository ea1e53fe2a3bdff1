package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2AsyncClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP APIs in tests: the SDK client, the aws CLI's apigatewayv2, real curl, and the test functions. */
final class HttpApiTesting {
    static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiTesting() {
    }

    static ApiGatewayV2Client client(URI endpoint) {
        return ApiGatewayV2Client.builder()
                .endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /**
     * The async client over netty, for the Update* operations: they are PATCH requests, which the
     * URL-connection HTTP client of the sync client cannot send.
     */
    static ApiGatewayV2AsyncClient asyncClient(URI endpoint) {
        return ApiGatewayV2AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(software.amazon.awssdk.regions.Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestServer.KEYS.accessKeyId(), TestServer.KEYS.secretAccessKey())))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":function:" + name;
    }

    /** Lets API Gateway invoke {@code function} for every route and authorizer of {@code apiId}. */
    static void allowApiGateway(LambdaClient lambda, String function, String apiId) {
        lambda.addPermission(b -> b.functionName(function).statementId("apigw-" + apiId)
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":" + apiId + "/*"));
    }

    /**
     * A Node.js function that answers its event as the JSON body (with cookies in payload 2.0), except
     * on paths ending in /binary (a base64 body), /fail (throws), /garbage (no response) and /slow.
     */
    static byte[] nodeEcho() {
        String js = """
                exports.handler = async (event) => {
                  const path = event.rawPath || event.path || '';
                  if (path.endsWith('/binary')) {
                    return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' },
                             body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true };
                  }
                  if (path.endsWith('/fail')) throw new Error('boom');
                  if (path.endsWith('/garbage')) return { statusCode: 'teapot' };
                  if (path.endsWith('/slow')) { await new Promise((r) => setTimeout(r, 2500)); return 'late'; }
                  if (path.endsWith('/bare')) return { hello: 'world' };
                  const response = { statusCode: 200,
                           headers: { 'content-type': 'application/json', 'x-echo': 'yes',
                                      'access-control-allow-origin': 'https://evil.example' },
                           body: JSON.stringify(event) };
                  if (event.version === '2.0') response.cookies = ['a=1', 'b=2'];
                  return response;
                };
                """;
        return Packages.zip(Map.of("index.js", new Packages.Entry(js.getBytes(StandardCharsets.UTF_8), 0644)));
    }

    /** A Python function that answers 201 with its event as the JSON body. */
    static byte[] pythonEcho() {
        String py = """
                import json
                def handler(event, context):
                    return {"statusCode": 201, "headers": {"Content-Type": "application/json"},
                            "multiValueHeaders": {"X-Multi": ["one", "two"]}, "body": json.dumps(event)}
                """;
        return Packages.zip(Map.of("app.py", new Packages.Entry(py.getBytes(StandardCharsets.UTF_8), 0644)));
    }

    /** Node.js authorizers: simple responses (2.0) and IAM policies (1.0), allowing x-token: open-sesame. */
    static byte[] nodeAuthorizers() {
        String js = """
                let calls = 0;
                exports.simple = async (event) => ({
                  isAuthorized: (event.headers || {})['x-token'] === 'open-sesame',
                  context: { user: 'alice', routeArn: event.routeArn, identity: event.identitySource, type: event.type,
                             call: ++calls },
                });
                exports.policy = async (event) => ({
                  principalId: 'bob',
                  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke',
                    Effect: (event.headers || {})['x-token'] === 'open-sesame' ? 'Allow' : 'Deny',
                    Resource: event.methodArn }] },
                  context: { user: 'bob' },
                });
                exports.broken = async () => ({ nonsense: true });
                """;
        return Packages.zip(Map.of("auth.js", new Packages.Entry(js.getBytes(StandardCharsets.UTF_8), 0644)));
    }

    /** What real curl received. */
    record Curl(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
        }
    }

    /** Runs {@code curl -s <args> <url>}: the host style works because curl resolves *.localhost to loopback. */
    static Curl curl(Path tmp, String url, String... args) {
        try {
            Path headers = Files.createTempFile(tmp, "h", ".txt");
            Path body = Files.createTempFile(tmp, "b", ".bin");
            List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "60", "-D", headers.toString(),
                    "-o", body.toString()));
            command.addAll(List.of(args));
            command.add(url);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(70, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("curl exit code: %s", out).isZero();
            Map<String, List<String>> h = new LinkedHashMap<>();
            int status = 0;
            for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("HTTP/")) {
                    status = Integer.parseInt(line.split(" ")[1]);
                    h.clear();
                } else if (line.indexOf(':') > 0) {
                    int colon = line.indexOf(':');
                    h.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            return new Curl(status, h, Files.readAllBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://<api-id>.execute-api.localhost:<port>}: the ApiEndpoint the control plane answers. */
    static String hostUrl(URI endpoint, String apiId) {
        return "http://" + apiId + ".execute-api.localhost:" + endpoint.getPort();
    }

    /** {@code http://127.0.0.1:<port>/_aws/execute-api/<api-id>}: the path style that needs no name resolution. */
    static String pathUrl(URI endpoint, String apiId) {
        return "http://127.0.0.1:" + endpoint.getPort() + "/_aws/execute-api/" + apiId;
    }

    /** {@code aws apigatewayv2 <args>} with JSON output, as a user runs it. */
    static AwsCli.Result cli(URI endpoint, Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("lamina.aws.cli", "/usr/bin/aws"),
                "apigatewayv2"));
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
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new AwsCli.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
