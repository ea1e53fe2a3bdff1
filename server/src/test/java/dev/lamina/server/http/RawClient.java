package dev.lamina.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on a socket, for what java.net.http cannot do: any Host header, header
 * names exactly as written, and reading a chunked body chunk by chunk while the server still writes.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes a request head (lines without CRLF) and a body with its Content-Length. */
    void send(List<String> headLines, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line : headLines) {
            head.append(line).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    record Head(int status, List<String[]> headers) {
        List<String> values(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        boolean chunked() {
            return values("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        }
    }

    record Response(Head head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Head readHead() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.add(new String[]{l.substring(0, colon), l.substring(colon + 1).strip()});
        }
        return new Head(code, headers);
    }

    /**
     * The next chunk of a chunked body; empty at its end. The CRLF that ends a chunk's data is read
     * with the next chunk's size line: servers may send it only with the next chunk.
     */
    byte[] readChunk() throws IOException {
        String size = line();
        if (size.isEmpty()) {
            size = line();
        }
        byte[] chunk = in.readNBytes(Integer.parseInt(size.split(";")[0].strip(), 16));
        if (chunk.length == 0) {
            line(); // the end of the (empty) trailers
        }
        return chunk;
    }

    Response readResponse() throws IOException {
        Head head = readHead();
        if (head.chunked()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] c = readChunk(); c.length > 0; c = readChunk()) {
                body.write(c);
            }
            return new Response(head, body.toByteArray());
        }
        int length = head.values("Content-Length").stream().findFirst().map(Integer::parseInt).orElse(0);
        return new Response(head, in.readNBytes(length));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
