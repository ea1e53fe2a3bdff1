package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.workflows.data.StatesError;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Runs the branches of a Parallel or the iterations of a Map on virtual threads, at most
 * {@code maxConcurrency} at a time (0: all at once), in index order of starting. With
 * {@code stopOnFailure}, the first failure interrupts the others and starts no more.
 */
final class Fork {
    interface Body {
        JsonNode run(int index) throws StatesError, Branch.Terminal, InterruptedException;
    }

    /** Per index: an output, or the error it failed with (null when it never ran or was interrupted). */
    record Result(JsonNode[] outputs, StatesError[] errors, int firstFailure) {
        boolean failed() {
            return firstFailure >= 0;
        }

        int failures() {
            int n = 0;
            for (StatesError e : errors) {
                if (e != null) {
                    n++;
                }
            }
            return n;
        }
    }

    private Fork() {
    }

    static Result run(Run run, int n, int maxConcurrency, boolean stopOnFailure, Body body)
            throws InterruptedException {
        JsonNode[] outputs = new JsonNode[n];
        StatesError[] errors = new StatesError[n];
        int[] first = {-1};
        Semaphore permits = new Semaphore(maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                permits.acquire();
                synchronized (first) {
                    if (stopOnFailure && first[0] >= 0) {
                        permits.release();
                        break;
                    }
                }
                int index = i;
                threads.add(run.spawn("sfn-branch", () -> {
                    try {
                        synchronized (first) {
                            if (stopOnFailure && first[0] >= 0) {
                                return;
                            }
                        }
                        outputs[index] = body.run(index);
                    } catch (StatesError e) {
                        fail(index, e, errors, first, stopOnFailure, threads);
                    } catch (Branch.Terminal t) {
                        fail(index, t.error, errors, first, stopOnFailure, threads);
                    } catch (InterruptedException e) {
                        // a sibling failed or the execution stops
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Thread t : List.copyOf(threads)) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return new Result(outputs, errors, first[0]);
    }

    private static void fail(int index, StatesError e, StatesError[] errors, int[] first, boolean stopOnFailure,
                             List<Thread> threads) {
        errors[index] = e;
        synchronized (first) {
            if (first[0] >= 0) {
                return;
            }
            first[0] = index;
        }
        if (stopOnFailure) {
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }
    }
}
