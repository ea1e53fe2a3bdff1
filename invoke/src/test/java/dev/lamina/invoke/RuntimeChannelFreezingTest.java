package dev.lamina.invoke;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeChannelFreezingTest {
    private static final RuntimeChannel.Waiter WAITER = new RuntimeChannel.Waiter() {
        @Override
        public void deliver(Invocation invocation) {
        }

        @Override
        public void closed() {
        }
    };

    @Test
    void parkingInNextFreezesUntilFreezingIsStoppedAndNeverAgainAfterwards() throws Exception {
        RuntimeChannel channel = new RuntimeChannel();
        AtomicInteger freezes = new AtomicInteger();
        AtomicInteger thaws = new AtomicInteger();
        channel.freezeWhileParked(freezes::incrementAndGet, thaws::incrementAndGet);
        channel.next(WAITER);
        assertThat(freezes).hasValue(1);

        channel.stopFreezing();
        channel.next(WAITER); // a stopping runtime that polls again
        channel.freezeWhileParked(freezes::incrementAndGet, thaws::incrementAndGet);
        channel.next(WAITER);
        assertThat(freezes).as("freezes after stopFreezing").hasValue(1);
    }
}
