package dev.lamina.bench;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lamina's ways in to one function, as wrk targets: the Invoke API (a request signed once per run:
 * SigV4 signatures stay valid for minutes and may be replayed), a function URL with AuthType NONE,
 * and an HTTP API made by quick create. wrk always connects to 127.0.0.1; the front doors that are
 * chosen by host name get it in the {@code Host} header (the host form), or are asked for by path
 * ({@code /_aws/lambda-url/<id>/}, {@code /_aws/execute-api/<id>/}) when the system property
 * {@code lamina.bench.form} is {@code path}.
 */
final class FrontDoors {
    private static final boolean PATH_FORM = "path".equals(System.getProperty("lamina.bench.form"));

    private FrontDoors() {
    }

    static Wrk.Target invoke(Lamina lamina, String function) {
        URI url = lamina.endpoint().resolve("/2015-03-31/functions/" + function + "/invocations");
        return new Wrk.Target("invoke", "Lamina, Invoke API (SigV4, signed once per run)", url, () -> signed(url));
    }

    /** The function URL, or empty (and why, on stderr) when this Lamina cannot make one. */
    static Optional<Wrk.Target> functionUrl(Lamina lamina, String function) {
        try {
            String made = lamina.lambda.createFunctionUrlConfig(b -> b.functionName(function)
                    .authType(FunctionUrlAuthType.NONE)).functionUrl();
            // Both statements AWS asks of a public function URL.
            lamina.lambda.addPermission(b -> b.functionName(function).statementId("bench-url")
                    .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
            lamina.lambda.addPermission(b -> b.functionName(function).statementId("bench-url-invoke")
                    .action("lambda:InvokeFunction").principal("*").invokedViaFunctionUrl(true));
            URI url = URI.create(made);
            String id = url.getHost().substring(0, url.getHost().indexOf('.'));
            return Optional.of(target("url", "Lamina, function URL (AuthType NONE)", lamina, url, "/_aws/lambda-url/" + id + "/"));
        } catch (RuntimeException e) {
            System.err.println("bench: no function URL on this Lamina (" + e.getMessage() + "); left out");
            return Optional.empty();
        }
    }

    /** The HTTP API's $default stage, or empty (and why, on stderr) when this Lamina cannot make one. */
    static Optional<Wrk.Target> httpApi(Lamina lamina, String function) {
        try (ApiGatewayV2Client v2 = Clients.apiGatewayV2(lamina.endpoint(), Lamina.KEYS.accessKeyId(),
                Lamina.KEYS.secretAccessKey())) {
            String arn = lamina.lambda.getFunction(b -> b.functionName(function)).configuration().functionArn();
            CreateApiResponse api = v2.createApi(b -> b.name("bench").protocolType(ProtocolType.HTTP).target(arn));
            String region = arn.split(":")[3];
            String account = arn.split(":")[4];
            lamina.lambda.addPermission(b -> b.functionName(function).statementId("bench-http-api")
                    .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                    .sourceArn("arn:aws:execute-api:" + region + ":" + account + ":" + api.apiId() + "/*"));
            return Optional.of(target("httpapi", "Lamina, HTTP API (quick create, $default stage)", lamina,
                    URI.create(api.apiEndpoint()), "/_aws/execute-api/" + api.apiId() + "/"));
        } catch (RuntimeException e) {
            System.err.println("bench: no HTTP API on this Lamina (" + e.getMessage() + "); left out");
            return Optional.empty();
        }
    }

    static String form() {
        return PATH_FORM ? "path form (/_aws/...)" : "host form (Host header, connected to 127.0.0.1)";
    }

    private static Wrk.Target target(String key, String label, Lamina lamina, URI made, String path) {
        URI local = lamina.endpoint();
        if (PATH_FORM) {
            return new Wrk.Target(key, label, local.resolve(path), Map::of);
        }
        String host = made.getHost() + ":" + local.getPort();
        return new Wrk.Target(key, label, local.resolve("/"), () -> Map.of("Host", host));
    }

    /** The headers of one Invoke request signed now with the harness's root keys. */
    private static Map<String, String> signed(URI url) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(url)
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(Lamina.KEYS.accessKeyId(), Lamina.KEYS.secretAccessKey()))
                .request(request).payload(ContentStreamProvider.fromUtf8String(Wrk.BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, values.getFirst()));
        return headers;
    }
}
