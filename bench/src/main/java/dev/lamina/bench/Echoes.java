package dev.lamina.bench;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The functions the harness deploys: one echo per runtime, answering with its event. Node.js and
 * Python sleep first when the event asks ({@code {"sleepMs": n}}), for the concurrency series.
 */
final class Echoes {
    static final String ROLE = "arn:aws:iam::000000000000:role/bench";

    record Echo(String runtimeName, String runtime, String handler, byte[] zip) {
    }

    private Echoes() {
    }

    static Echo node() {
        return new Echo("node", "nodejs20.x", "index.handler", zip(Map.of("index.js", ("exports.handler = async (e) => {"
                + " if (e && e.sleepMs) await new Promise((r) => setTimeout(r, e.sleepMs)); return e; };\n").getBytes()),
                0644));
    }

    /** A Node.js echo that logs {@code STARTED <id> <epoch ms, fractional>} as its handler begins. */
    static Echo nodeStamped() {
        return new Echo("node-stamped", "nodejs20.x", "index.handler", zip(Map.of("index.js", ("exports.handler ="
                + " async (e) => { console.log('STARTED ' + e.id + ' ' + (performance.timeOrigin + performance.now()));"
                + " return e; };\n").getBytes()), 0644));
    }

    static Echo python() {
        return new Echo("python", "python3.12", "app.handler", zip(Map.of("app.py", ("import time\n\n\n"
                + "def handler(e, c):\n    if isinstance(e, dict) and e.get('sleepMs'):\n"
                + "        time.sleep(e['sleepMs'] / 1000)\n    return e\n").getBytes()), 0644));
    }

    static Echo java() {
        return new Echo("java", "java21", "dev.lamina.bench.JavaEcho", zip(Map.of("dev/lamina/bench/JavaEcho.class",
                resource("dev/lamina/bench/JavaEcho.class")), 0644));
    }

    static Echo provided() {
        return new Echo("provided", "provided.al2023", "unused", zip(Map.of("bootstrap", resource("bench/bootstrap")),
                0755));
    }

    static List<Echo> all() {
        return List.of(node(), python(), java(), provided());
    }

    static void deploy(LambdaClient lambda, String name, Echo echo, int memoryMb) {
        lambda.createFunction(b -> b.functionName(name).runtime(echo.runtime()).handler(echo.handler())
                .memorySize(memoryMb).timeout(60).role(ROLE)
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(echo.zip())).build()));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Echoes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> files, int mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var zip = new ZipArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                var entry = new ZipArchiveEntry(f.getKey());
                entry.setUnixMode(0100000 | mode);
                zip.putArchiveEntry(entry);
                zip.write(f.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
