// CSandbox: the syscall-level half of R1Sandbox.
//
// Everything here either must run between clone() and execve() in a child of a
// multithreaded process (so only raw, async-signal-safe syscalls), or talks to
// the kernel through an interface Swift cannot reach directly (libseccomp,
// pidfd). Orchestration, policy choices and parsing live in Swift.
#ifndef CSANDBOX_H
#define CSANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One read-only bind mount into the zygote's root. `target` is a full host
/// path under the new root's mount point; parents must already be listed in
/// `csb_zygote_spec.dirs`. `is_file` binds a regular file or a device node.
typedef struct {
    const char *source;
    const char *target;
    int is_file;
    int writable_dev;   // device node: keep exec/dev semantics (no MS_NODEV)
} csb_bind;

/// How to build a zygote: namespaces, the filesystem view, descriptors and the
/// program to execute. Every string and array is owned by the caller and must
/// stay valid for the duration of csb_spawn_zygote (the child copies nothing).
typedef struct {
    // Namespaces
    int new_user;             // CLONE_NEWUSER (uid/gid maps written by the parent)
    uint32_t uid_base;        // inside uid/gid 0 maps to this host id ...
    uint32_t uid_count;       // ... for this many ids
    const char *hostname;     // set in the new UTS namespace

    // Filesystem view (all paths are full host paths under root_dir)
    const char *root_dir;     // empty host directory: mount point of the new root tmpfs
    const char *const *dirs;  // directories to create in the new root, parents first
    size_t ndirs;
    const char *const *symlinks;  // pairs: link target, link path
    size_t nsymlinks;
    const csb_bind *binds;
    size_t nbinds;
    const char *proc_dir;     // where to mount a fresh procfs (NULL: none)
    const char *proc_options; // e.g. "hidepid=2"
    const char *tmp_dir;      // where to mount the scratch tmpfs (NULL: none)
    const char *tmp_options;  // e.g. "size=64m,mode=1777"
    const char *dev_dir;      // small tmpfs holding the device binds (NULL: none)

    // What to run once the view is in place
    const char *exe;          // path inside the new root
    char *const *argv;
    char *const *envp;
    const int *fds;           // become descriptors 3, 4, ... in the child
    size_t nfds;
} csb_zygote_spec;

/// Clones a child into new user, PID, mount, network, IPC and UTS namespaces,
/// builds its read-only root, pivots into it and execs `spec->exe`.
/// Returns the child's pid (> 0) and stores a pidfd in *pidfd_out, or returns
/// -1 and writes a one-line reason into err. Safe to call from any thread.
pid_t csb_spawn_zygote(const csb_zygote_spec *spec, int *pidfd_out, char *err, size_t errlen);

/// Builds the seccomp deny-list (see seccomp_policy.c for each rule) and exports
/// it as raw BPF (struct sock_filter array). On success returns 0 and sets
/// *out (malloc'd; free with free()) and *len in bytes; on failure returns a
/// negative errno and writes a reason into err.
int csb_seccomp_export(uint8_t **out, size_t *len, char *err, size_t errlen);

/// Opens a pidfd for pid (pidfd_open), -1 with errno on failure.
int csb_pidfd_open(pid_t pid);
/// Sends sig through a pidfd (pidfd_send_signal); 0 or -1 with errno.
int csb_pidfd_kill(int pidfd, int sig);
/// Waits until pidfd is readable (the process exited) or timeout_ms passes;
/// 1 exited, 0 timeout, -1 error.
int csb_pidfd_wait(int pidfd, int timeout_ms);
/// Reaps pid without blocking forever: waitpid(pid, WNOHANG) loop for up to
/// timeout_ms. Returns the raw wait status, or -1.
int csb_reap(pid_t pid, int timeout_ms);
/// Probes: can this process create the namespaces csb_spawn_zygote needs?
/// Returns 0 when a test child could unshare them, else an errno.
int csb_probe_namespaces(int new_user);
/// pipe2(fds, O_CLOEXEC); 0 or -1 with errno.
int csb_pipe_cloexec(int fds[2]);
/// Poll helper: waits until fd is readable or timeout_ms passes (1/0/-1).
int csb_wait_readable(int fd, int timeout_ms);

#ifdef __cplusplus
}
#endif
#endif
