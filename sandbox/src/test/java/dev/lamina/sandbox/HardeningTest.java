package dev.lamina.sandbox;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hardening of a bubblewrap sandbox, seen from inside by a real Python process: the seccomp
 * filter, no_new_privs, empty capability sets, the open-files limit and the pids limit.
 */
class HardeningTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void detect() throws Exception {
        SandboxTest.prepare(dir);
    }

    private static final String SYSCALLS = """
            import ctypes, errno, os, threading
            libc = ctypes.CDLL(None, use_errno=True)
            def call(name, *args):
                r = getattr(libc, name)(*args)
                return 'ok' if r >= 0 else errno.errorcode[ctypes.get_errno()]
            """;

    @Test
    void theDangerousCallsAreRefusedWithEperm() throws Exception {
        SandboxTest.Result r = SandboxTest.run(SYSCALLS + """
                print('unshare-user', call('unshare', 0x10000000))
                print('unshare-mount', call('unshare', 0x00020000))
                print('mount', call('mount', b'none', b'/tmp', b'tmpfs', 0, None))
                print('umount2', call('umount2', b'/tmp', 0))
                print('chroot', call('chroot', b'/tmp'))
                print('ptrace', call('ptrace', 0, 0, None, None))
                print('keyctl', call('syscall', 250 if os.uname().machine == 'x86_64' else 219, 0, 0, 0, 0))
                print('bpf', call('syscall', 321 if os.uname().machine == 'x86_64' else 280, 0, 0, 0))
                print('perf', call('syscall', 298 if os.uname().machine == 'x86_64' else 241, 0, 0, 0, 0, 0))
                print('userfaultfd', call('syscall', 323 if os.uname().machine == 'x86_64' else 282, 0))
                print('setns', call('setns', os.open('/proc/self/ns/uts', os.O_RDONLY), 0))
                print('personality32', call('personality', 0x0008))
                print('personality-query', call('personality', 0xffffffff))
                print('settime', call('clock_settime', 0, ctypes.byref((ctypes.c_long * 2)(0, 0))))
                print('clone3', call('syscall', 435, None, 0))
                if os.uname().machine == 'x86_64':
                    print('x32', call('syscall', 0x40000000 | 39))  # getpid through the x32 ABI
                """, 128, 16, Map.of());
        assertThat(r.status().code()).as(r.stdout()).isZero();
        assertThat(r.stdout()).contains("unshare-user EPERM", "unshare-mount EPERM", "mount EPERM", "umount2 EPERM",
                "chroot EPERM", "ptrace EPERM", "keyctl EPERM", "bpf EPERM", "perf EPERM", "userfaultfd EPERM",
                "setns EPERM", "personality32 EPERM", "personality-query ok", "settime EPERM", "clone3 ENOSYS");
        if (System.getProperty("os.arch").equals("amd64")) {
            assertThat(r.stdout()).contains("x32 ENOSYS");
        }
    }

    @Test
    void threadsForksAndSubprocessesStillWork() throws Exception {
        SandboxTest.Result r = SandboxTest.run("""
                import os, subprocess, threading
                out = []
                t = threading.Thread(target=lambda: out.append('thread')); t.start(); t.join()
                pid = os.fork()
                if pid == 0:
                    os._exit(7)
                print(out[0], os.waitpid(pid, 0)[1] >> 8, subprocess.run(['/usr/bin/echo', 'child'],
                      capture_output=True, text=True).stdout.strip())
                """, 128, 16, Map.of());
        assertThat(r.stdout().trim()).as(r.stdout()).isEqualTo("thread 7 child");
    }

    @Test
    void noNewPrivilegesNoCapabilitiesAndAFilterInForce() throws Exception {
        SandboxTest.Result r = SandboxTest.run("""
                for line in open('/proc/self/status'):
                    if line.split(':')[0] in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp'):
                        print(line.replace('\\t', ' ').strip())
                """, 128, 16, Map.of());
        assertThat(r.stdout()).contains("CapInh: 0000000000000000", "CapPrm: 0000000000000000",
                "CapEff: 0000000000000000", "CapBnd: 0000000000000000", "CapAmb: 0000000000000000",
                "NoNewPrivs: 1", "Seccomp: 2");
    }

    @Test
    void onlyTmpIsWritableWhileTheDevicesStillWork() throws Exception {
        SandboxTest.Result r = SandboxTest.run("""
                import errno
                for d in ['/', '/var', '/dev', '/dev/shm', '/tmp']:
                    try:
                        open(d.rstrip('/') + '/probe', 'w').close(); print(d, 'written')
                    except OSError as e:
                        print(d, errno.errorcode[e.errno])
                open('/dev/null', 'w').write('x')
                print('urandom', len(open('/dev/urandom', 'rb').read(8)))
                """, 128, 16, Map.of());
        assertThat(r.stdout()).as(r.stdout()).contains("/ EROFS", "/var EROFS", "/dev EROFS", "/dev/shm EROFS",
                "/tmp written", "urandom 8");
    }

    @Test
    void openFilesStopAt1024AndTheLimitCannotBeRaised() throws Exception {
        SandboxTest.Result r = SandboxTest.run("""
                import resource
                print('limit', *resource.getrlimit(resource.RLIMIT_NOFILE))
                try:
                    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096)); print('raised')
                except ValueError as e:
                    print('not raised')
                files = []
                try:
                    while len(files) < 5000:
                        files.append(open('/dev/null'))
                except OSError as e:
                    print('stopped', e.errno, len(files) < 1024)
                """, 128, 16, Map.of());
        assertThat(r.stdout()).as(r.stdout()).contains("limit 1024 1024", "not raised", "stopped 24 True");
    }

    @Test
    void aForkBombMeetsThePidsLimit() throws Exception {
        // The sandbox's limit is 64 processes and threads (SandboxTest.start).
        SandboxTest.Result r = SandboxTest.run("""
                import os, time
                children = []
                try:
                    for i in range(500):
                        pid = os.fork()
                        if pid == 0:
                            time.sleep(30)
                            os._exit(0)
                        children.append(pid)
                    print('forked all')
                except OSError as e:
                    print('refused', e.errno, len(children) < 64)
                for c in children:
                    os.kill(c, 9)
                """, 128, 16, Map.of());
        assertThat(r.stdout()).as(r.stdout()).contains("refused 11 True").doesNotContain("forked all");
    }

    @Test
    void aFrozenSandboxGetsNoCpuUntilThawedAndAKillEndsItFrozen() throws Exception {
        SandboxedProcess p = SandboxTest.start("while True: pass", 128, 16, Map.of());
        try {
            long python = awaitBusyDescendant(p);
            p.freeze();
            Thread.sleep(500); // freezing completes within milliseconds; this is ample
            long frozenAt = cpuTicks(python);
            Thread.sleep(1000);
            assertThat(cpuTicks(python)).as("CPU time while frozen").isEqualTo(frozenAt);
            p.thaw();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (cpuTicks(python) == frozenAt && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(cpuTicks(python)).as("CPU time once thawed").isGreaterThan(frozenAt);
            p.freeze();
        } finally {
            p.kill();
        }
        assertThat(p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS).code()).isNotZero();
    }

    /** The pid of the sandbox's python, once it has used some CPU. */
    private static long awaitBusyDescendant(SandboxedProcess p) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (long pid : ProcessTree.descendants(p.pid())) {
                if (ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("").contains("python")
                        && cpuTicks(pid) > 0) {
                    return pid;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sandbox's python never ran");
    }

    /** utime + stime of a process, in clock ticks, from /proc/<pid>/stat. */
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
