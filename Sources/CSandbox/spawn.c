// Zygote spawning: clone into fresh namespaces, build a read-only root, pivot
// into it and exec. The child side runs between clone() and execve() of a
// multithreaded parent, so it uses raw syscalls only: no malloc, no stdio, no
// glibc wrappers that synchronise threads (setresuid & co. go through syscall()).
#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef ST_RDONLY
#define ST_RDONLY 1
#endif

#define ERR_FD_FLOOR 900
#define MAX_FDS 32
#define MAX_BINDS 64

// ── child-side helpers (async-signal-safe) ──────────────────────────────────

static size_t c_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

// Reports "<step>: errno <n>" on the error pipe and exits; the parent turns it
// into the spawn error. Only write() and _exit().
static void child_fail(int errfd, const char *step) {
    int e = errno;
    char buf[160];
    size_t n = 0, l = c_strlen(step);
    if (l > 120) l = 120;
    memcpy(buf, step, l); n = l;
    const char *mid = ": errno ";
    memcpy(buf + n, mid, 8); n += 8;
    char digits[12]; int d = 0;
    if (e == 0) digits[d++] = '0';
    while (e > 0 && d < 11) { digits[d++] = (char)('0' + e % 10); e /= 10; }
    while (d > 0) buf[n++] = digits[--d];
    (void)!write(errfd, buf, n);
    _exit(127);
}

// Mount flags the kernel locks on a mount inherited into a user namespace: a
// read-only remount of a bind must repeat them or fail with EPERM.
static unsigned long locked_flags(int fd) {
    struct statfs st;
    if (fstatfs(fd, &st) != 0) return 0;
    unsigned long f = 0;
    if (st.f_flags & ST_NOSUID) f |= MS_NOSUID;
    if (st.f_flags & ST_NODEV) f |= MS_NODEV;
    if (st.f_flags & ST_NOEXEC) f |= MS_NOEXEC;
    if (st.f_flags & ST_NOATIME) f |= MS_NOATIME;
    if (st.f_flags & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (st.f_flags & ST_RELATIME) f |= MS_RELATIME;
    return f;
}

// "/proc/self/fd/<fd>": binds from an O_PATH descriptor opened earlier.
static void fd_path(char out[40], int fd) {
    const char *pre = "/proc/self/fd/";
    size_t n = c_strlen(pre);
    memcpy(out, pre, n);
    char digits[12]; int d = 0;
    if (fd == 0) digits[d++] = '0';
    while (fd > 0 && d < 11) { digits[d++] = (char)('0' + fd % 10); fd /= 10; }
    while (d > 0) out[n++] = digits[--d];
    out[n] = 0;
}

static void child_main(const csb_zygote_spec *s, int syncfd, int errfd) {
    char c;
    // Wait until the parent has written our uid/gid maps (or gave up: EOF).
    if (read(syncfd, &c, 1) != 1) _exit(126);
    close(syncfd);  // one-shot: nothing else comes from the parent

    // Own session: no controlling terminal, no signals from the parent's group.
    setsid();

    // Default dispositions and an empty mask, whatever the Swift thread had.
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    for (int sig = 1; sig < 65; sig++) (void)sigaction(sig, &sa, NULL);
    sigset_t none; sigemptyset(&none);
    (void)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof(long));

    // Stop mount events propagating back to the host.
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) child_fail(errfd, "make / private");
    // Open every bind source while we still have our host identity: sources
    // may sit under directories only the host root may traverse (/root/...).
    int src_fd[MAX_BINDS];
    unsigned long src_locked[MAX_BINDS];
    for (size_t i = 0; i < s->nbinds; i++) {
        src_fd[i] = open(s->binds[i].source, O_PATH | O_CLOEXEC);
        if (src_fd[i] < 0) child_fail(errfd, s->binds[i].source);
        src_locked[i] = locked_flags(src_fd[i]);
    }

    // Now become the namespace's root (host uid_base): files in our own
    // tmpfs can only be created by an id mapped into the namespace. Drop
    // inherited groups too. Raw syscalls: glibc's wrappers would try to signal
    // the parent's threads, which do not exist in this child.
    if (s->new_user) {
        if (syscall(SYS_setgroups, 0, NULL) != 0) child_fail(errfd, "setgroups");
        if (syscall(SYS_setresgid, 0, 0, 0) != 0) child_fail(errfd, "setresgid");
        if (syscall(SYS_setresuid, 0, 0, 0) != 0) child_fail(errfd, "setresuid");
    }

    // The new root: a small tmpfs that only holds mount points and symlinks.
    if (mount("tmpfs", s->root_dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=1m") != 0)
        child_fail(errfd, "mount root tmpfs");
    for (size_t i = 0; i < s->ndirs; i++)
        if (mkdir(s->dirs[i], 0755) != 0 && errno != EEXIST) child_fail(errfd, s->dirs[i]);
    if (s->dev_dir && mount("tmpfs", s->dev_dir, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=64k") != 0)
        child_fail(errfd, "mount /dev tmpfs");
    for (size_t i = 0; i < s->nbinds; i++) {
        const csb_bind *b = &s->binds[i];
        if (b->is_file) {
            int fd = open(b->target, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
            if (fd < 0) child_fail(errfd, b->target);
            close(fd);
        } else if (mkdir(b->target, 0755) != 0 && errno != EEXIST) {
            child_fail(errfd, b->target);
        }
        // Bind the host path in, then make that bind read-only and nosuid.
        char via[40];
        fd_path(via, src_fd[i]);
        if (mount(via, b->target, NULL, MS_BIND | MS_REC, NULL) != 0) child_fail(errfd, b->source);
        close(src_fd[i]);
        unsigned long fl = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | src_locked[i];
        if (!b->writable_dev) fl |= MS_NODEV;
        if (mount(NULL, b->target, NULL, fl, NULL) != 0) child_fail(errfd, "remount bind read-only");
    }
    for (size_t i = 0; i + 1 < s->nsymlinks * 2; i += 2)
        if (symlink(s->symlinks[i], s->symlinks[i + 1]) != 0 && errno != EEXIST) child_fail(errfd, s->symlinks[i + 1]);
    // A procfs of the new PID namespace only: the host's processes stay invisible.
    if (s->proc_dir) {
        unsigned long pf = MS_NOSUID | MS_NODEV | MS_NOEXEC;
        if (mount("proc", s->proc_dir, "proc", pf, s->proc_options) != 0 &&
            mount("proc", s->proc_dir, "proc", pf, NULL) != 0)
            child_fail(errfd, "mount proc");
    }
    // The scratch directory: the only writable place, size-capped.
    if (s->tmp_dir && mount("tmpfs", s->tmp_dir, "tmpfs", MS_NOSUID | MS_NODEV, s->tmp_options) != 0)
        child_fail(errfd, "mount scratch tmpfs");

    // Swap roots: the old root is stacked under the new one, then detached.
    if (chdir(s->root_dir) != 0) child_fail(errfd, "chdir new root");
    if (syscall(SYS_pivot_root, ".", ".") != 0) child_fail(errfd, "pivot_root");
    if (umount2(".", MNT_DETACH) != 0) child_fail(errfd, "detach old root");
    if (chdir("/") != 0) child_fail(errfd, "chdir /");
    // The root tmpfs itself becomes read-only too.
    if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0)
        child_fail(errfd, "remount / read-only");
    // A neutral hostname in the new UTS namespace (the host's stays hidden).
    if (s->hostname && sethostname(s->hostname, c_strlen(s->hostname)) != 0) child_fail(errfd, "sethostname");

    // Descriptors: the listed ones become 3.., stdin/stdout go to /dev/null,
    // stderr stays (zygote crashes are worth seeing), everything else closes.
    int tmp[MAX_FDS];
    for (size_t i = 0; i < s->nfds; i++) {
        // Park each above 100 first, so that no dup2 below overwrites a source.
        tmp[i] = fcntl(s->fds[i], F_DUPFD_CLOEXEC, 100);
        if (tmp[i] < 0) child_fail(errfd, "dup fd");
    }
    // dup2 clears close-on-exec: these are the descriptors the zygote keeps.
    for (size_t i = 0; i < s->nfds; i++)
        if (dup2(tmp[i], (int)(3 + i)) < 0) child_fail(errfd, "dup2 fd");
    // The executor's own stdin/stdout must not reach the zygote.
    int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (nul >= 0) { dup2(nul, 0); dup2(nul, 1); }
    // Close everything else the multithreaded parent had open (other slots'
    // pipes, sockets, files), except the error pipe, which closes on exec.
    unsigned int first = (unsigned int)(3 + s->nfds);
    if ((unsigned int)errfd > first) syscall(SYS_close_range, first, (unsigned int)errfd - 1, 0);
    syscall(SYS_close_range, (unsigned int)errfd + 1, ~0U, 0);

    // The zygote: from here on Python, inside the finished view.
    execve(s->exe, s->argv, s->envp);
    child_fail(errfd, "execve");
}

// ── parent side ─────────────────────────────────────────────────────────────

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

pid_t csb_spawn_zygote(const csb_zygote_spec *s, int *pidfd_out, char *err, size_t errlen) {
    if (s->nfds > MAX_FDS || s->nbinds > MAX_BINDS) { snprintf(err, errlen, "too many descriptors or binds"); return -1; }
    int syncp[2], errp[2];
    if (pipe2(syncp, O_CLOEXEC) != 0) { snprintf(err, errlen, "pipe: %s", strerror(errno)); return -1; }
    if (pipe2(errp, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        close(syncp[0]); close(syncp[1]);
        return -1;
    }
    // Move the child's error end high so the fd shuffle in the child keeps it.
    int errw = fcntl(errp[1], F_DUPFD_CLOEXEC, ERR_FD_FLOOR);
    close(errp[1]);
    if (errw < 0) {
        snprintf(err, errlen, "dup: %s", strerror(errno));
        close(syncp[0]); close(syncp[1]); close(errp[0]);
        return -1;
    }

    // New user (optional), PID, mount, network, IPC, UTS and cgroup namespaces;
    // CLONE_PIDFD hands back a pidfd so the parent can wait and kill by fd.
    unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS |
                          CLONE_NEWCGROUP | CLONE_PIDFD | SIGCHLD;
    if (s->new_user) flags |= CLONE_NEWUSER;
    int pidfd = -1;
    long pid = syscall(SYS_clone, flags, NULL, &pidfd, NULL, 0);
    if (pid == 0) {
        close(syncp[1]);
        close(errp[0]);
        child_main(s, syncp[0], errw);
        _exit(127);
    }
    int e = errno;
    close(syncp[0]);
    close(errw);
    if (pid < 0) {
        snprintf(err, errlen, "clone: %s", strerror(e));
        close(syncp[1]); close(errp[0]);
        return -1;
    }

    if (s->new_user) {
        char path[64], map[64];
        snprintf(map, sizeof map, "0 %u %u\n", s->uid_base, s->uid_count);
        snprintf(path, sizeof path, "/proc/%ld/uid_map", pid);
        int ok = write_file(path, map) == 0;
        snprintf(path, sizeof path, "/proc/%ld/gid_map", pid);
        ok = ok && write_file(path, map) == 0;
        if (!ok) {
            snprintf(err, errlen, "uid/gid map: %s", strerror(errno));
            close(syncp[1]); close(errp[0]);
            kill((pid_t)pid, SIGKILL);
            waitpid((pid_t)pid, NULL, 0);
            if (pidfd >= 0) close(pidfd);
            return -1;
        }
    }
    (void)!write(syncp[1], "g", 1);
    close(syncp[1]);

    // EOF without bytes = execve succeeded (the pipe was close-on-exec).
    char buf[200];
    ssize_t n, total = 0;
    while ((n = read(errp[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0) total += n;
        if ((size_t)total >= sizeof buf - 1) break;
    }
    close(errp[0]);
    if (total > 0) {
        buf[total] = 0;
        snprintf(err, errlen, "zygote set-up failed at %s", buf);
        waitpid((pid_t)pid, NULL, 0);
        if (pidfd >= 0) close(pidfd);
        return -1;
    }
    *pidfd_out = pidfd;
    return (pid_t)pid;
}

int csb_probe_namespaces(int new_user) {
    unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS |
                          CLONE_NEWCGROUP | SIGCHLD;
    if (new_user) flags |= CLONE_NEWUSER;
    long pid = syscall(SYS_clone, flags, NULL, NULL, NULL, 0);
    if (pid == 0) _exit(0);
    if (pid < 0) return errno;
    int status = 0;
    while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR) {}
    return 0;
}

// ── pidfd helpers ───────────────────────────────────────────────────────────

int csb_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int csb_pidfd_kill(int pidfd, int sig) { return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0); }

int csb_wait_readable(int fd, int timeout_ms) {
    struct pollfd p = { .fd = fd, .events = POLLIN };
    for (;;) {
        int r = poll(&p, 1, timeout_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        return r > 0 ? 1 : 0;
    }
}

int csb_pidfd_wait(int pidfd, int timeout_ms) { return csb_wait_readable(pidfd, timeout_ms); }

int csb_reap(pid_t pid, int timeout_ms) {
    int status = 0;
    for (int waited = 0;; waited += 1) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0 && errno != EINTR) return -1;
        if (waited >= timeout_ms) return -1;
        usleep(1000);
    }
}

int csb_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
