package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Requests below the SDK, to see the bytes on the wire. The signature is only shaped like SigV4: the
 * server checks its presence today, not its value.
 */
final class RawHttp {
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=" + TestServer.KEYS.accessKeyId()
            + "/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00ff";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    RawHttp(URI endpoint) {
        this.endpoint = endpoint;
    }

    HttpRequest.Builder request(String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(endpoint.resolve(path)).method(method, body)
                .header("Authorization", AUTHORIZATION).header("X-Amz-Date", "20260101T000000Z");
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(String method, String path, String body) throws IOException, InterruptedException {
        return send(request(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /**
     * Sends only the head of a request that declares {@code contentLength} bytes, then reads the
     * answer: the server must refuse without waiting for a body that never comes.
     */
    String headOnly(String method, String path, long contentLength) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\nAuthorization: "
                    + AUTHORIZATION + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }
}
