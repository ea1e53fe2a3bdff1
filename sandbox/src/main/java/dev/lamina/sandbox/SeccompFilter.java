package dev.lamina.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The seccomp program every sandboxed process runs under: classic BPF, in the {@code struct
 * sock_filter} form bubblewrap's {@code --seccomp} loads. Everything is allowed except the calls
 * that reach past the sandbox (mounts, namespaces, another process's memory, the kernel's keyring,
 * BPF, perf, modules, the clock, io_uring ...), which fail with EPERM as they would for an
 * unprivileged user on a locked-down host. Deny-listing keeps every runtime (node, python, the JVM)
 * working without a list of what each one needs. The price of a deny list: a call that a future
 * kernel adds (as open_tree_attr was added to the mount API) is allowed until it is added here;
 * bubblewrap's {@code --disable-userns} and the dropped capabilities are the locks that do not
 * depend on this list.
 *
 * <p>Only the native ABI of x86_64 or aarch64 passes: the x32 ABI (x86_64 numbers with bit 30 set)
 * and any other architecture (i386 through {@code int 0x80}, say) get ENOSYS for every call, since
 * their numbers would slip past the list.
 *
 * <p>clone is allowed unless it asks for a new namespace (threads and fork keep working); clone3
 * answers ENOSYS, because its flags sit in memory that BPF cannot read, and glibc then falls back to
 * clone. personality may only read or keep the default.
 */
final class SeccompFilter {
    private SeccompFilter() {
    }

    // struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (low word first on both arches)
    private static final int NR = 0;
    private static final int ARCH = 4;
    private static final int ARG0_LOW = 16;

    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;

    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET (NEWTIME only exists for clone3 and unshare). */
    static final int CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
            | 0x20000000 | 0x40000000;

    /** The denied calls, by name, with their numbers on x86_64 and aarch64 (-1: the call does not exist there). */
    enum Denied {
        MOUNT(165, 40), UMOUNT2(166, 39), PIVOT_ROOT(155, 41), CHROOT(161, 51), UNSHARE(272, 97), SETNS(308, 268),
        OPEN_TREE(428, 428), MOVE_MOUNT(429, 429), FSOPEN(430, 430), FSCONFIG(431, 431), FSMOUNT(432, 432),
        FSPICK(433, 433), MOUNT_SETATTR(442, 442), OPEN_TREE_ATTR(467, 467),
        PTRACE(101, 117), PROCESS_VM_READV(310, 270), PROCESS_VM_WRITEV(311, 271), KCMP(312, 272),
        PIDFD_GETFD(438, 438),
        KEYCTL(250, 219), ADD_KEY(248, 217), REQUEST_KEY(249, 218),
        BPF(321, 280), PERF_EVENT_OPEN(298, 241), USERFAULTFD(323, 282),
        KEXEC_LOAD(246, 104), KEXEC_FILE_LOAD(320, 294), INIT_MODULE(175, 105), FINIT_MODULE(313, 273),
        DELETE_MODULE(176, 106), REBOOT(169, 142), SWAPON(167, 224), SWAPOFF(168, 225),
        OPEN_BY_HANDLE_AT(304, 265), NAME_TO_HANDLE_AT(303, 264), IOPL(172, -1), IOPERM(173, -1),
        MODIFY_LDT(154, -1), // x86 segment descriptors: a kernel attack surface no runtime needs
        ACCT(163, 89), QUOTACTL(179, 60), QUOTACTL_FD(443, 443), SYSLOG(103, 116), LOOKUP_DCOOKIE(212, 18),
        USELIB(134, -1),
        SETTIMEOFDAY(164, 170), CLOCK_SETTIME(227, 112), ADJTIMEX(159, 171), CLOCK_ADJTIME(305, 266),
        // io_uring performs calls on the kernel's threads, out of this filter's sight; runtimes fall back to epoll.
        IO_URING_SETUP(425, 425), IO_URING_ENTER(426, 426), IO_URING_REGISTER(427, 427);

        final int x86;
        final int arm;

        Denied(int x86, int arm) {
            this.x86 = x86;
            this.arm = arm;
        }
    }

    private record Arch(int audit, int cloneNr, int clone3, int personality, boolean x32) {
        int number(Denied call) {
            return audit == AUDIT_ARCH_X86_64 ? call.x86 : call.arm;
        }
    }

    private static final Arch X86_64 = new Arch(AUDIT_ARCH_X86_64, 56, 435, 135, true);
    private static final Arch AARCH64 = new Arch(AUDIT_ARCH_AARCH64, 220, 435, 92, false);

    /** One BPF instruction. */
    record Insn(short code, int jt, int jf, int k) {
        Insn {
            if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("a conditional jump reaches at most 255 instructions");
            }
        }
    }

    /** The program as bubblewrap reads it: 8 bytes per instruction, in the host's byte order. */
    static byte[] program() {
        List<Insn> p = instructions();
        ByteBuffer b = ByteBuffer.allocate(p.size() * 8).order(ByteOrder.nativeOrder());
        for (Insn i : p) {
            b.putShort(i.code()).put((byte) i.jt()).put((byte) i.jf()).putInt(i.k());
        }
        return b.array();
    }

    static List<Insn> instructions() {
        List<Insn> p = new ArrayList<>();
        p.add(load(ARCH));
        for (Arch arch : List.of(X86_64, AARCH64)) {
            List<Insn> block = block(arch);
            p.add(new Insn(JEQ_K, 0, block.size(), arch.audit()));
            p.addAll(block);
        }
        p.add(ret(RET_ERRNO | ENOSYS));
        return p;
    }

    /** The rules of one architecture; the accumulator holds the syscall number throughout. */
    private static List<Insn> block(Arch arch) {
        List<Insn> b = new ArrayList<>();
        b.add(load(NR));
        if (arch.x32()) {
            b.add(new Insn(JGE_K, 0, 1, X32_SYSCALL_BIT));
            b.add(ret(RET_ERRNO | ENOSYS));
        }
        for (Denied call : Denied.values()) {
            int nr = arch.number(call);
            if (nr >= 0) {
                b.add(new Insn(JEQ_K, 0, 1, nr));
                b.add(ret(RET_ERRNO | EPERM));
            }
        }
        b.add(new Insn(JEQ_K, 0, 1, arch.clone3()));
        b.add(ret(RET_ERRNO | ENOSYS));
        // clone(flags, ...): refused when flags ask for a namespace.
        b.add(new Insn(JEQ_K, 0, 4, arch.cloneNr()));
        b.add(load(ARG0_LOW));
        b.add(new Insn(JSET_K, 0, 1, CLONE_NAMESPACES));
        b.add(ret(RET_ERRNO | EPERM));
        b.add(ret(RET_ALLOW));
        // personality(persona): only PER_LINUX (0) and the query 0xffffffff.
        b.add(new Insn(JEQ_K, 0, 5, arch.personality()));
        b.add(load(ARG0_LOW));
        b.add(new Insn(JEQ_K, 2, 0, 0));
        b.add(new Insn(JEQ_K, 1, 0, 0xffffffff));
        b.add(ret(RET_ERRNO | EPERM));
        b.add(ret(RET_ALLOW));
        b.add(ret(RET_ALLOW));
        return b;
    }

    private static Insn load(int offset) {
        return new Insn(LD_W_ABS, 0, 0, offset);
    }

    private static Insn ret(int action) {
        return new Insn(RET_K, 0, 0, action);
    }
}
