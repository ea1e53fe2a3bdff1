package dev.lamina.server.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A raw query string as SigV4 sees it: every parameter in order, duplicates kept, percent-decoded
 * with {@code +} left a literal plus (signers encode a space as {@code %20}). A malformed escape is
 * kept as its characters, so the canonical form re-encodes what the client actually sent.
 */
final class QueryString {
    record Param(String name, String value) {
    }

    private QueryString() {
    }

    static List<Param> parse(String raw) {
        List<Param> params = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(eq < 0 ? new Param(decode(pair), "")
                    : new Param(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
        }
        return params;
    }

    static List<String> values(List<Param> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).toList();
    }

    static Optional<String> first(List<Param> params, String name) {
        return values(params, name).stream().findFirst();
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi;
            int lo;
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && (hi = Character.digit(bytes[i + 1], 16)) >= 0 && (lo = Character.digit(bytes[i + 2], 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
