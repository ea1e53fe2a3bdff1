package dev.lamina.sandbox;

/**
 * Where a sandboxed process's output goes, chunk by chunk, in the order it was written. Calls for one
 * stream never overlap. The sink must not block: it runs on the thread that reads every sandbox's
 * output.
 */
public interface OutputSink {
    /** The next bytes of the stream; the array is reused after the call returns. */
    void write(byte[] bytes, int length);

    /** The stream has ended: every process of the sandbox closed it. */
    void end();
}
