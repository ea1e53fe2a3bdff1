package dev.lamina.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The first program of every bubblewrap sandbox: a fixed {@code /bin/sh} script that lowers the
 * open-files limit and hands bubblewrap its seccomp program on fd 3, then execs (setpriv and)
 * bubblewrap in its own place. Nothing of the function is in the script; what follows it are
 * positional arguments, never parsed by the shell.
 *
 * <p>Why a shell: Java's process start passes only fds 0 to 2, fd 0 is already bubblewrap's block
 * fd (the race-free control-group attach), and bubblewrap takes its seccomp program only from an
 * fd. Spawning without {@link ProcessBuilder} (posix_spawn through the foreign-function API) would
 * mean replacing Java's process handling (exit status, reaping, pipes) with our own; giving up the
 * block fd would reopen the race in which a function forks before its control group holds it. A
 * two-line script that every Linux has is the smallest piece that opens one more fd: it opens the
 * sealed memory file holding the program ({@link SealedMemfd}) as fd 3.
 *
 * <p>RLIMIT_NOFILE 1024 (soft and hard) is Lambda's; it binds everything in the sandbox, and only
 * a privileged process could raise it again.
 */
final class Prelude {
    static final int NOFILE = 1024;
    /** The fd bubblewrap reads the seccomp program from ({@code --seccomp 3}). */
    static final int SECCOMP_FD = 3;

    private final Optional<String> seccompPath;

    /** @param seccompPath where the program is to be opened; empty to run without seccomp */
    Prelude(Optional<String> seccompPath) {
        this.seccompPath = seccompPath;
    }

    /** Holds the filter of {@link SeccompFilter} in a sealed memory file; empty where that cannot be made. */
    static Prelude withSeccomp() {
        return new Prelude(SealedMemfd.of("lamina-seccomp", SeccompFilter.program()).map(SealedMemfd::path));
    }

    boolean seccomp() {
        return seccompPath.isPresent();
    }

    /** The argv that comes before the setpriv or bubblewrap argv. */
    List<String> argv() {
        String script = "ulimit -n " + NOFILE + " || exit 126; exec \"$@\""
                + (seccompPath.isPresent() ? " " + SECCOMP_FD + "<\"$0\"" : "");
        return List.of("/bin/sh", "-c", script, seccompPath.orElse("sh"));
    }

    /** bubblewrap's own arguments for the seccomp program. */
    List<String> bwrapArgv() {
        return seccompPath.isPresent() ? List.of("--seccomp", Integer.toString(SECCOMP_FD)) : List.of();
    }
}
