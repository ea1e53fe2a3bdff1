package dev.lamina.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The first program of every bubblewrap sandbox: a fixed {@code /bin/sh} script that lowers the
 * open-files limit and hands bubblewrap its seccomp program on fd 3 and the sandbox's own
 * arguments file on fd 4 (the function's environment, {@code --args 4}), then execs (setpriv and)
 * bubblewrap in its own place. Nothing of the function is in the script; what follows it are
 * positional arguments, never parsed by the shell.
 *
 * <p>The prelude, setpriv and bubblewrap run on the host (as root when Lamina is root), so none of
 * them may see the function's environment: an {@code LD_PRELOAD} or {@code LD_LIBRARY_PATH} of the
 * function would load its code into them. They run with {@link #ENVIRONMENT} only; bubblewrap gets
 * the function's variables as {@code --clearenv} and {@code --setenv} arguments read from fd 4, and
 * sets them only for the command it execs inside the sandbox. Arguments read from an fd never
 * appear in {@code /proc/<pid>/cmdline}, which anyone on the host can read.
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
    /** The fd bubblewrap reads the sandbox's further arguments from ({@code --args 4}). */
    static final int ARGS_FD = 4;
    /** The whole environment of the host-side programs: nothing of the function, nothing of Lamina. */
    static final java.util.Map<String, String> ENVIRONMENT = java.util.Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

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

    /**
     * The argv that comes before the setpriv or bubblewrap argv.
     *
     * @param argsPath where the sandbox's arguments file is to be opened (as {@link #ARGS_FD})
     */
    List<String> argv(String argsPath) {
        String script = "ulimit -n " + NOFILE + " || exit 126; a=$1; shift; exec \"$@\""
                + (seccompPath.isPresent() ? " " + SECCOMP_FD + "<\"$0\"" : "") + " " + ARGS_FD + "<\"$a\"";
        return List.of("/bin/sh", "-c", script, seccompPath.orElse("sh"), argsPath);
    }

    /** bubblewrap's own arguments for the seccomp program and the arguments file. */
    List<String> bwrapArgv() {
        List<String> a = new java.util.ArrayList<>(List.of("--args", Integer.toString(ARGS_FD)));
        if (seccompPath.isPresent()) {
            a.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
        }
        return a;
    }

    /**
     * The arguments file that gives the command exactly {@code environment}: NUL-separated, as
     * bubblewrap's {@code --args} reads them. bubblewrap keeps {@code PWD} across
     * {@code --clearenv} and sets it to the working directory, as it always did.
     */
    static byte[] environmentArgs(java.util.Map<String, String> environment) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> arg = s -> {
            out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(0);
        };
        arg.accept("--clearenv");
        environment.forEach((name, value) -> {
            arg.accept("--setenv");
            arg.accept(name);
            arg.accept(value);
        });
        return out.toByteArray();
    }
}
