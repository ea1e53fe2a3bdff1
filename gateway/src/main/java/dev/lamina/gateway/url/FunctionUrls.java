package dev.lamina.gateway.url;

import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.web.WebFront;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.gateway.web.WebResponder;

import java.io.IOException;

/**
 * Function URLs: their configurations (what the Lambda API's *FunctionUrlConfig operations manage)
 * and the front door that serves them. Branch {@code urls} builds it.
 */
public final class FunctionUrls implements WebFront {
    private final GatewayContext context;

    public FunctionUrls(GatewayContext context) {
        this.context = context;
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("function URLs: branch urls");
    }
}
