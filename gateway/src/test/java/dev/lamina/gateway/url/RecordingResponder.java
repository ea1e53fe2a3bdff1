package dev.lamina.gateway.url;

import dev.lamina.gateway.web.WebRequest.Header;
import dev.lamina.gateway.web.WebResponder;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** A WebResponder that keeps what it was told: the status, headers, body, and each flush of a stream. */
final class RecordingResponder implements WebResponder {
    int status;
    List<Header> headers;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<String> flushed = new ArrayList<>();
    boolean streamed;
    boolean closed;

    @Override
    public void send(int status, List<Header> headers, byte[] body) {
        answer(status, headers);
        this.body.writeBytes(body);
        closed = true;
    }

    @Override
    public OutputStream stream(int status, List<Header> headers) {
        answer(status, headers);
        streamed = true;
        return new OutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void flush() {
                flushed.add(body.toString(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private void answer(int status, List<Header> headers) {
        if (this.headers != null) {
            throw new IllegalStateException("answered twice");
        }
        this.status = status;
        this.headers = List.copyOf(headers);
    }

    String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }

    String text() {
        return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

}
