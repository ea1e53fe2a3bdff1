package dev.lamina.sandbox;

/**
 * How a sandboxed process ended.
 *
 * @param code   the exit code, or 128 + the signal number when a signal ended it (the shell's and
 *               bubblewrap's convention; the two cannot be told apart)
 * @param oomKilled whether the kernel's OOM killer killed a process of the sandbox
 */
public record ExitStatus(int code, boolean oomKilled) {
    private static final String[] SIGNALS = {"", "hangup", "interrupt", "quit", "illegal instruction",
        "trace/breakpoint trap", "aborted", "bus error", "floating point exception", "killed",
        "user defined signal 1", "segmentation fault", "user defined signal 2", "broken pipe", "alarm clock",
        "terminated"};

    public boolean signalled() {
        return code > 128 && code < 128 + 65;
    }

    /** Go's wording, which Lambda's error messages use: "exit status 1", "signal: killed". */
    public String describe() {
        if (signalled()) {
            int signal = code - 128;
            return "signal: " + (signal < SIGNALS.length ? SIGNALS[signal] : "signal " + signal);
        }
        return "exit status " + code;
    }
}
