package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.lamina.workflows.data.JsonataTesting.env;
import static dev.lamina.workflows.data.JsonataTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

/** One parsed expression is shared by every thread (Map iterations run in parallel): no evaluation sees another's bindings. */
class JsonataConcurrencyTest {

    @Test
    void parallelEvaluationsOfOneExpressionKeepTheirOwnBindings() throws Exception {
        String expression = "$x * 2 + $count($states.input.items) + $sum($range(1, 3, 1))";
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int x = t;
                results.add(pool.submit(() -> {
                    JsonNode input = json("{'items':[" + "1,".repeat(x) + "0]}");
                    for (int i = 0; i < 300; i++) {
                        JsonNode out = JsonataExpressions.evaluate(expression, "Output",
                                env(input, Map.of("x", json(Integer.toString(x * 1000 + i)))));
                        if (out.longValue() != (x * 1000L + i) * 2 + x + 1 + 6) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }
}
