package dev.lamina.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code execute-api} front door: an API id is either an HTTP API's or a REST API's, and the
 * request goes to the front that owns it. An unknown id answers API Gateway's 404
 * {@code {"message":"Not Found"}}.
 */
public final class ExecuteApi implements WebFront {
    private final List<ApiFront> fronts;

    public ExecuteApi(List<ApiFront> fronts) {
        this.fronts = List.copyOf(fronts);
    }

    @Override
    public void serve(WebRequest request, WebResponder responder) throws IOException, InterruptedException {
        for (ApiFront front : fronts) {
            if (front.owns(request.frontId())) {
                front.serve(request, responder);
                return;
            }
        }
        responder.send(404, List.of(new WebRequest.Header("Content-Type", "application/json"),
                        new WebRequest.Header("x-amzn-ErrorType", "NotFoundException")),
                "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
    }
}
