package dev.lamina.server.http;

import dev.lamina.gateway.web.WebRequest;

import java.util.List;
import java.util.Optional;

/** The addresses of front-door requests, as the routing read them, for code outside this package. */
public final class FrontDoorPaths {
    private FrontDoorPaths() {
    }

    /**
     * The paths the client may have signed for {@code request}: its rawPath when its Host names the
     * front; else the path-style path ({@code /_aws/lambda-url/<id>} for {@code lambda}, else
     * {@code /_aws/execute-api/<id>}) followed by rawPath, and, when rawPath is {@code /}, the bare
     * prefix too (the edge reads {@code /_aws/lambda-url/<id>} as rawPath {@code /}). First the likelier.
     */
    public static List<String> signedPaths(WebRequest request, String signingName) {
        Optional<Routing.FrontDoor> byHost = Routing.frontOfHost(request.header("Host").orElse(""));
        if (byHost.filter(f -> f.frontId().equals(request.frontId())).isPresent()) {
            return List.of(request.rawPath());
        }
        String base = ("lambda".equals(signingName) ? Routing.URL_PATH : Routing.API_PATH) + request.frontId();
        return request.rawPath().equals("/") ? List.of(base + "/", base) : List.of(base + request.rawPath());
    }
}
