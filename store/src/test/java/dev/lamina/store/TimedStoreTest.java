package dev.lamina.store;

import dev.lamina.model.LambdaException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimedStoreTest {
    record Heard(boolean write, boolean failed, long nanos) {
    }

    /** A store that runs work without a transaction, and fails work that throws. */
    static final Store PLAIN = new Store() {
        @Override
        public <T> T read(Work<T> work) {
            return work.run(null);
        }

        @Override
        public <T> T write(Work<T> work) {
            return work.run(null);
        }

        @Override
        public long generation() {
            return 7;
        }

        @Override
        public void close() {
        }
    };

    final List<Heard> heard = new ArrayList<>();
    final TimedStore store = new TimedStore(PLAIN, (write, failed, nanos) -> heard.add(new Heard(write, failed, nanos)));

    @Test
    void everyTransactionIsTimedAndTheResultPassedOn() {
        String read = store.read(tx -> "read");
        String written = store.write(tx -> "written");
        assertThat(read).isEqualTo("read");
        assertThat(written).isEqualTo("written");
        assertThat(heard).extracting(Heard::write, Heard::failed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(false, false), org.assertj.core.groups.Tuple.tuple(true, false));
        assertThat(heard).allSatisfy(h -> assertThat(h.nanos()).isNotNegative());
        assertThat(store.generation()).isEqualTo(7);
    }

    @Test
    void aStoreFailureIsTimedAsFailedAndItsExceptionPropagatesUnchanged() {
        StoreException boom = new StoreException("disk full", null);
        Store.Work<String> failing = tx -> {
            throw boom;
        };
        assertThatThrownBy(() -> store.write(failing)).isSameAs(boom);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.write()).isTrue();
            assertThat(h.failed()).isTrue();
        });
    }

    @Test
    void aLambdaErrorThrownByTheWorkIsTheCallersAnswerNotAFailedTransaction() {
        LambdaException missing = LambdaException.invalidParameter("no such thing");
        Store.Work<String> refusing = tx -> {
            throw missing;
        };
        assertThatThrownBy(() -> store.write(refusing)).isSameAs(missing);
        assertThatThrownBy(() -> store.read(refusing)).isSameAs(missing);
        assertThat(heard).extracting(Heard::write, Heard::failed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, false), org.assertj.core.groups.Tuple.tuple(false, false));
    }

    @Test
    void anUnversionedWriteIsTimedAsAWrite() {
        String written = store.writeUnversioned(tx -> "usage");
        assertThat(written).isEqualTo("usage");
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.write()).isTrue();
            assertThat(h.failed()).isFalse();
        });
    }
}
