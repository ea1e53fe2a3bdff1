package dev.lamina.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * What verifying a signature costs per request, outside the default suite (it measures, it does not
 * assert): {@code ./run-tests -pl server -am -Dtest=SigV4CostBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsigv4.bench=true}. Prints the median of several rounds, in microseconds per verification.
 */
@EnabledIfSystemProperty(named = "sigv4.bench", matches = "true")
class SigV4CostBench {
    @Test
    void verificationCost() {
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(new AccessKeys.SigningKey(SigV4FuzzTest.SECRET,
                SigV4FuzzTest.CALLER, Optional.empty(), Optional.empty())), "us-east-1", "lambda",
                Clock.fixed(SigV4FuzzTest.NOW, ZoneOffset.UTC));
        for (int size : new int[] {0, 1024, 256 * 1024}) {
            HttpText request = SigV4FuzzTest.sign("POST", "/2015-03-31/functions/f/invocations",
                    Map.of("Content-Type", "application/json"), "x".repeat(size).getBytes(StandardCharsets.UTF_8),
                    Optional.empty());
            int perRound = size > 100_000 ? 200 : 20_000;
            double[] rounds = new double[7];
            for (int r = 0; r < rounds.length + 3; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    verifier.authenticate(request.toApiRequest());
                }
                if (r >= 3) { // the first rounds warm the JIT up
                    rounds[r - 3] = (System.nanoTime() - start) / 1000.0 / perRound;
                }
            }
            java.util.Arrays.sort(rounds);
            System.out.printf("SigV4 verification, %d-byte body: %.1f us per request (median of %d rounds)%n",
                    size, rounds[rounds.length / 2], rounds.length);
        }
    }
}
