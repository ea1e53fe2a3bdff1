package dev.lamina.gateway;

import dev.lamina.gateway.rest.RestApis;
import dev.lamina.gateway.url.FunctionUrls;
import dev.lamina.gateway.v2.HttpApis;
import dev.lamina.gateway.web.ExecuteApi;
import dev.lamina.gateway.web.WebFront;

import java.util.List;

/**
 * The front doors, built once by {@code Main}: function URLs, and the execute-api front over HTTP
 * APIs and REST APIs. The edge routes {@code <url-id>.lambda-url.<region>.localhost} and
 * {@code /_aws/lambda-url/<url-id>/…} to {@link #functionUrls()}, {@code <api-id>.execute-api.localhost}
 * and {@code /_aws/execute-api/<api-id>/…} to {@link #executeApi()}, and the control-plane
 * operations signed for {@code apigateway} to {@link #httpApis()} ({@code /v2/…}) or {@link #restApis()}.
 */
public final class Gateway {
    private final FunctionUrls functionUrls;
    private final HttpApis httpApis;
    private final RestApis restApis;
    private final ExecuteApi executeApi;

    public Gateway(GatewayContext context) {
        this.functionUrls = new FunctionUrls(context);
        this.httpApis = new HttpApis(context);
        this.restApis = new RestApis(context);
        this.executeApi = new ExecuteApi(List.of(httpApis, restApis));
    }

    public FunctionUrls functionUrls() {
        return functionUrls;
    }

    public HttpApis httpApis() {
        return httpApis;
    }

    public RestApis restApis() {
        return restApis;
    }

    public WebFront executeApi() {
        return executeApi;
    }
}
