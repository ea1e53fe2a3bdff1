package dev.lamina.server.tracing;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedExporterTest {
    /** A collector that answers as told. */
    static final class Collector implements SpanExporter {
        final List<Integer> batches = new ArrayList<>();
        final List<SpanData> exported = new CopyOnWriteArrayList<>();
        boolean down;

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            batches.add(spans.size());
            exported.addAll(spans);
            return down ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    static List<SpanData> spans(int n) {
        return Collections.nCopies(n, null);
    }

    @Test
    void spansBeyondTheQueuesCapacityAreDroppedAndCountedUntilABatchLeavesTheQueue() {
        Collector collector = new Collector();
        BoundedExporter exporter = new BoundedExporter(collector, 5);
        assertThat(exporter.admit(4)).isTrue();
        assertThat(exporter.admit(2)).isFalse();
        assertThat(exporter.admit(1)).isTrue();
        assertThat(exporter.admit(1)).isFalse();
        assertThat(exporter.dropped()).isEqualTo(3);
        exporter.export(spans(5));
        assertThat(exporter.admit(4)).isTrue();
        assertThat(collector.batches).containsExactly(5);
    }

    @Test
    void whatTheCollectorRefusesIsCountedAndTheQueueStillEmpties() {
        Collector collector = new Collector();
        BoundedExporter exporter = new BoundedExporter(collector, 3);
        collector.down = true;
        assertThat(exporter.admit(3)).isTrue();
        assertThat(exporter.export(spans(3)).isSuccess()).isFalse();
        assertThat(exporter.failed()).isEqualTo(3);
        collector.down = false;
        assertThat(exporter.admit(3)).isTrue();
        assertThat(exporter.export(spans(3)).isSuccess()).isTrue();
        assertThat(exporter.failed()).isEqualTo(3);
    }

    @Test
    void aFailureIsDescribedByTheCollectorsStatusOrTheConnectionsError() {
        HttpResponse unavailable = new HttpResponse() {
            @Override
            public int getStatusCode() {
                return 503;
            }

            @Override
            public String getStatusMessage() {
                return "Service Unavailable";
            }

            @Override
            public byte[] getResponseBody() {
                return new byte[0];
            }
        };
        assertThat(BoundedExporter.reason(CompletableResultCode.ofExceptionalFailure(
                FailedExportException.httpFailedWithResponse(unavailable)))).isEqualTo("HTTP 503 Service Unavailable");
        assertThat(BoundedExporter.reason(CompletableResultCode.ofExceptionalFailure(
                FailedExportException.httpFailedExceptionally(new ConnectException("Connection refused")))))
                .isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(BoundedExporter.reason(CompletableResultCode.ofFailure())).isEqualTo("no reason given");
    }
}
