// The sandbox's seccomp policy: a deny-list built once with libseccomp and
// exported as raw BPF; each zygote loads it into itself with one
// prctl(PR_SET_SECCOMP) and every run's child inherits it across fork.
// Default action: allow. Every rule below names why it is there.
#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

typedef struct { const char *name; int err; const char *why; } deny_rule;

// Syscalls denied outright (resolved by name so that unknown ones on older
// libseccomp are skipped instead of failing the build).
static const deny_rule DENY[] = {
    {"ptrace", EPERM, "inspect or steer other processes"},
    {"process_vm_readv", EPERM, "read another process's memory"},
    {"process_vm_writev", EPERM, "write another process's memory"},
    {"kcmp", EPERM, "probe other processes' kernel objects"},
    {"pidfd_getfd", EPERM, "steal descriptors from other processes"},
    {"mount", EPERM, "change the filesystem view"},
    {"umount2", EPERM, "uncover what the view hides"},
    {"pivot_root", EPERM, "change the root"},
    {"chroot", EPERM, "change the root"},
    {"fsopen", EPERM, "new mount API"},
    {"fsconfig", EPERM, "new mount API"},
    {"fsmount", EPERM, "new mount API"},
    {"fspick", EPERM, "new mount API"},
    {"move_mount", EPERM, "new mount API"},
    {"open_tree", EPERM, "new mount API"},
    {"mount_setattr", EPERM, "new mount API"},
    {"unshare", EPERM, "new namespaces: nested userns is kernel attack surface"},
    {"setns", EPERM, "join other namespaces"},
    {"bpf", EPERM, "eBPF programs and maps"},
    {"perf_event_open", EPERM, "perf: side channels and kernel bugs"},
    {"keyctl", EPERM, "kernel keyrings are not namespaced"},
    {"add_key", EPERM, "kernel keyrings are not namespaced"},
    {"request_key", EPERM, "kernel keyrings are not namespaced"},
    {"io_uring_setup", EPERM, "io_uring bypasses syscall filtering"},
    {"io_uring_enter", EPERM, "io_uring bypasses syscall filtering"},
    {"io_uring_register", EPERM, "io_uring bypasses syscall filtering"},
    {"kexec_load", EPERM, "replace the kernel"},
    {"kexec_file_load", EPERM, "replace the kernel"},
    {"init_module", EPERM, "load kernel code"},
    {"finit_module", EPERM, "load kernel code"},
    {"delete_module", EPERM, "unload kernel code"},
    {"reboot", EPERM, "host power state"},
    {"swapon", EPERM, "host swap"},
    {"swapoff", EPERM, "host swap"},
    {"acct", EPERM, "process accounting"},
    {"quotactl", EPERM, "disk quotas"},
    {"userfaultfd", EPERM, "used to widen kernel race windows"},
    {"open_by_handle_at", EPERM, "opens files by handle, escaping the view"},
    {"name_to_handle_at", EPERM, "pairs with open_by_handle_at"},
    {"lookup_dcookie", EPERM, "kernel profiling"},
    {"syslog", EPERM, "kernel log"},
    {"settimeofday", EPERM, "host clock"},
    {"clock_settime", EPERM, "host clock"},
    {"clock_adjtime", EPERM, "host clock"},
    {"adjtimex", EPERM, "host clock"},
    {"sethostname", EPERM, "no reason to rename the sandbox"},
    {"setdomainname", EPERM, "no reason to rename the sandbox"},
    {"iopl", EPERM, "raw port I/O"},
    {"ioperm", EPERM, "raw port I/O"},
    {"vhangup", EPERM, "terminal hangup"},
    {"uselib", EPERM, "obsolete loader entry point"},
    {"personality", EPERM, "can re-enable legacy layouts (READ_IMPLIES_EXEC)"},
    {"fanotify_init", EPERM, "watch filesystem activity"},
    {"mbind", EPERM, "NUMA policy of host memory"},
    {"migrate_pages", EPERM, "moves other processes' pages"},
    {"move_pages", EPERM, "moves other processes' pages"},
    {"set_mempolicy", EPERM, "NUMA policy"},
    {"nfsservctl", EPERM, "obsolete"},
    {"vm86", EPERM, "legacy mode"},
    {"vm86old", EPERM, "legacy mode"},
};

static int add_rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned n, const struct scmp_arg_cmp *args) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return 0;  // unknown to this libseccomp/arch: nothing to deny
    int r = seccomp_rule_add_array(ctx, action, nr, n, args);
    return r == -EDOM ? 0 : r;            // not reachable on this architecture
}

int csb_seccomp_export(uint8_t **out, size_t *len, char *err, size_t errlen) {
    // Allow by default; syscalls of any foreign architecture (i386 int 0x80,
    // x32) kill the whole process, since their numbers would bypass the list.
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) { snprintf(err, errlen, "seccomp_init failed"); return -ENOMEM; }
    int r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    for (size_t i = 0; r == 0 && i < sizeof DENY / sizeof DENY[0]; i++) {
        r = add_rule(ctx, SCMP_ACT_ERRNO((uint16_t)DENY[i].err), DENY[i].name, 0, NULL);
    }

    // clone3 passes flags in memory a filter cannot read: ENOSYS makes glibc
    // fall back to clone, whose flags we can check.
    if (r == 0) r = add_rule(ctx, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
    // clone with any namespace flag: no nested namespaces from inside.
    const uint64_t ns_flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC |
                              CLONE_NEWUTS | CLONE_NEWCGROUP | CLONE_NEWTIME;
    for (int bit = 0; r == 0 && bit < 64; bit++) {
        uint64_t f = 1ULL << bit;
        if (!(ns_flags & f)) continue;
        struct scmp_arg_cmp a = SCMP_A0(SCMP_CMP_MASKED_EQ, f, f);
        r = add_rule(ctx, SCMP_ACT_ERRNO(EPERM), "clone", 1, &a);
    }
    // Terminal injection (CVE-2017-5226 class): compare the low 32 bits only,
    // since the kernel ignores the high ones (CVE-2019-10063).
    const uint64_t ioctls[] = {TIOCSTI, TIOCLINUX};
    for (size_t i = 0; r == 0 && i < 2; i++) {
        struct scmp_arg_cmp a = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffULL, ioctls[i]);
        r = add_rule(ctx, SCMP_ACT_ERRNO(EPERM), "ioctl", 1, &a);
    }
    // Sockets: only AF_INET/AF_INET6 may be created (useless in the empty
    // network namespace, but code that merely imports socket keeps working).
    // AF_UNIX could reach host listeners by path; AF_NETLINK, AF_PACKET, ...
    // are kernel surface. socketpair() stays allowed: it reaches nothing.
    struct scmp_arg_cmp lo = SCMP_A0(SCMP_CMP_LE, AF_UNIX);   // AF_UNSPEC, AF_UNIX
    if (r == 0) r = add_rule(ctx, SCMP_ACT_ERRNO(EACCES), "socket", 1, &lo);
    for (uint64_t d = AF_INET + 1; r == 0 && d < AF_INET6; d++) {
        struct scmp_arg_cmp a = SCMP_A0(SCMP_CMP_EQ, d);
        r = add_rule(ctx, SCMP_ACT_ERRNO(EACCES), "socket", 1, &a);
    }
    struct scmp_arg_cmp hi = SCMP_A0(SCMP_CMP_GT, AF_INET6);
    if (r == 0) r = add_rule(ctx, SCMP_ACT_ERRNO(EACCES), "socket", 1, &hi);
    if (r != 0) {
        snprintf(err, errlen, "seccomp rule: %s", strerror(-r));
        seccomp_release(ctx);
        return r;
    }

    // Export the compiled program through a memfd and read it back.
    int fd = memfd_create("r1ci-seccomp", MFD_CLOEXEC);
    if (fd < 0) { r = -errno; snprintf(err, errlen, "memfd_create: %s", strerror(errno)); seccomp_release(ctx); return r; }
    r = seccomp_export_bpf(ctx, fd);
    seccomp_release(ctx);
    if (r != 0) { snprintf(err, errlen, "seccomp_export_bpf: %s", strerror(-r)); close(fd); return r; }
    off_t size = lseek(fd, 0, SEEK_END);
    if (size <= 0 || lseek(fd, 0, SEEK_SET) != 0) { snprintf(err, errlen, "empty BPF export"); close(fd); return -EIO; }
    uint8_t *buf = malloc((size_t)size);
    if (!buf) { close(fd); return -ENOMEM; }
    ssize_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, (size_t)(size - got));
        if (n <= 0) { free(buf); close(fd); snprintf(err, errlen, "read BPF: short"); return -EIO; }
        got += n;
    }
    close(fd);
    *out = buf;
    *len = (size_t)size;
    return 0;
}
