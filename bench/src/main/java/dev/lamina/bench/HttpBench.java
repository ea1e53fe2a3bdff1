package dev.lamina.bench;

import dev.lamina.server.ExecutionConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP front door benchmark (bench/run-http). In one run, with the same client (wrk, one thread,
 * a fixed number of keep-alive connections, the same POST): two bare HTTP floors that answer at once
 * (Node.js, and Jetty in this JVM; the faster is the floor of the report), Lamina's Invoke API,
 * a function URL and an HTTP API in front of the same Node.js echo, and the peer, serverless-offline,
 * serving the same handler through an httpApi event. Requests per second and p50/p99 latency per
 * round; prints Markdown.
 */
public final class HttpBench {
    static final String FUNCTION = "node";
    private static final int PEER_PORT = 3102; // its HTTP API is on the next port

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> connections = Arrays.stream((args.length > 2 ? args[2] : "1,8").split(","))
                .map(Integer::parseInt).toList();
        Path benchDir = Path.of(System.getProperty("lamina.bench.dir", "bench"));
        Path scripts = Files.createTempDirectory("lamina-http-bench-");
        Wrk wrk = new Wrk(scripts);
        ExecutionConfig config = ExecutionConfig.defaults().withKeepAlive(Duration.ofMinutes(30))
                .withLearnedKeepAlive(false).withMemoryBudgetMb(96 * 1024);
        try (External nodeFloor = External.floor(benchDir);
             JettyFloor javaFloor = JettyFloor.start();
             Lamina lamina = Lamina.start(config)) {
            Optional<External> peer = External.peer(benchDir, PEER_PORT);
            try {
                Echoes.deploy(lamina.lambda, FUNCTION, Echoes.node(), Bench.MEMORY_MB);
                List<Wrk.Target> targets = new ArrayList<>();
                targets.add(new Wrk.Target("floor-node", "floor: minimal Node.js HTTP server (bench/floor)",
                        nodeFloor.endpoint().resolve("/"), Map::of));
                targets.add(new Wrk.Target("floor-java", "floor: minimal Jetty server, in Lamina's JVM",
                        javaFloor.endpoint.resolve("/"), Map::of));
                targets.add(FrontDoors.invoke(lamina, FUNCTION));
                FrontDoors.functionUrl(lamina, FUNCTION).ifPresent(targets::add);
                FrontDoors.httpApi(lamina, FUNCTION).ifPresent(targets::add);
                peer.ifPresent(p -> targets.add(new Wrk.Target("peer", "peer: serverless-offline 13.9.0, httpApi event",
                        URI.create("http://127.0.0.1:" + (PEER_PORT + 1) + "/"), Map::of)));
                // -Dlamina.bench.only=invoke,url: only those series (for profiling one path)
                List<String> only = List.of(System.getProperty("lamina.bench.only", "").split(","));
                targets.removeIf(t -> !only.equals(List.of("")) && !only.contains(t.key()));
                List<Wrk.Target> answering = new ArrayList<>();
                for (Wrk.Target t : targets) {
                    probe(t).ifPresentOrElse(why -> System.err.println("bench: " + t.key() + " left out: " + why),
                            () -> answering.add(t));
                }
                int most = connections.stream().mapToInt(Integer::intValue).max().orElse(1);
                for (Wrk.Target t : answering) { // environments started, code compiled; unmeasured
                    System.err.println("bench: warming up " + t.key());
                    wrk.run(t, most, Math.max(5, seconds));
                }
                // What everything costs doing nothing, to read the CPU per request against.
                Cpu idleStart = Cpu.now();
                Thread.sleep(5_000);
                Cpu idle = Cpu.now().since(idleStart);
                HttpReport.Run run = new HttpReport.Run(rounds, seconds, connections, answering, FrontDoors.form(),
                        loadAverage(), idle, new LinkedHashMap<>());
                for (int round = 0; round < rounds; round++) {
                    for (int c : connections) {
                        for (Wrk.Target t : answering) {
                            // the time (UTC), to find each series in a flight recording
                            System.err.printf("bench: %s round %d of %d, %d connection(s), %s%n",
                                    LocalTime.now(ZoneOffset.UTC).withNano(0), round + 1, rounds, c, t.key());
                            run.add(t.key(), c, wrk.run(t, c, seconds));
                        }
                    }
                }
                HttpReport.print(run, loadAverage());
            } finally {
                peer.ifPresent(External::close);
            }
        }
    }

    /** Empty if the target answers the benchmark's request with 200 and the echo; else why not. */
    private static Optional<String> probe(Wrk.Target t) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(t.url()).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(Wrk.BODY)).header("Content-Type", "application/json");
            t.headers().get().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("content-type")) {
                    b.setHeader(k, v);
                }
            });
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains("bench")) {
                    return Optional.of("HTTP " + r.statusCode() + " " + r.body());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The one-minute load average, as uptime prints it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
