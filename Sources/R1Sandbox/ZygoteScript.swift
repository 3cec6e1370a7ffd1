// The warm fork server that runs inside each slot's namespaces (PID 1 there).
// It pre-imports the allowed modules once, then per request forks a child that
// hardens itself (cgroups, session, rlimits, uid, no_new_privs, seccomp) and
// runs the snippet; the server enforces the wall deadline with a pidfd, caps
// output, kills the run's cgroup and reaps everything.
//
// Protocol on fd 3 (in) / fd 4 (out): frames of '!III' lengths then payloads.
//   request  = (header JSON, code bytes, stdin bytes)
//   response = (header JSON, stdout bytes, stderr bytes)

enum ZygoteScript {
    static let filename = "<r1ci-zygote>"
    static let source = #"""
import os, sys, struct, json, select, signal, resource, builtins, linecache, io, time, gc, traceback, types

CTL_IN, CTL_OUT = 3, 4
USER_FILE = "main.py"
MY_FILE = "<r1ci-zygote>"

def read_exact(n):
    chunks = []
    while n > 0:
        b = os.read(CTL_IN, min(n, 1 << 20))
        if not b:
            os._exit(0)          # the executor is gone: PID 1 exits, the namespace dies
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)

def read_frame():
    a, b, c = struct.unpack("!III", read_exact(12))
    return read_exact(a), read_exact(b), read_exact(c)

def write_frame(h, out=b"", err=b""):
    hb = json.dumps(h).encode()
    data = struct.pack("!III", len(hb), len(out), len(err)) + hb + out + err
    view = memoryview(data)
    while view:
        n = os.write(CTL_OUT, view)
        view = view[n:]

# ---- set-up --------------------------------------------------------------
init, _, bpf = read_frame()
cfg = json.loads(init)
FD = cfg["fds"]                      # cgroup descriptors by role, -1 when absent
for p in cfg.get("path", []):
    if p not in sys.path:
        sys.path.append(p)
loaded = []
for m in cfg.get("preload", []):
    try:
        __import__(m)
        loaded.append(m)
    except Exception:
        pass

libc = None
prog = None
if bpf:
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
    _bpf_buf = ctypes.create_string_buffer(bpf, len(bpf))
    prog = SockFprog(len(bpf) // 8, ctypes.cast(_bpf_buf, ctypes.c_void_p))
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    prog_ref = ctypes.addressof(prog)

RUN_UID = cfg["uid"]
SCRATCH = cfg["scratch"]
ENV = cfg["env"]
import threading, atexit       # used by every child at exit: import once here
compile("x = 1\nfor i in range(3):\n    x += i\n", USER_FILE, "exec")   # warm the compiler before forking
gc.collect()
gc.freeze()
BASE_VSZ = 0
try:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                BASE_VSZ = int(line.split()[1]) * 1024
except OSError:
    BASE_VSZ = 1 << 30

def cg_write(role, value):
    fd = FD.get(role, -1)
    if fd >= 0:
        try:
            os.pwrite(fd, value.encode(), 0)
            return True
        except OSError:
            return False
    return False

def cg_read(role):
    fd = FD.get(role, -1)
    if fd < 0:
        return ""
    try:
        return os.pread(fd, 4096, 0).decode()
    except OSError:
        return ""

def oom_kills():
    for line in cg_read("mem_oom").splitlines():
        if line.startswith("oom_kill "):
            return int(line.split()[1])
    return 0

def populated():
    t = cg_read("v2_events")
    for line in t.splitlines():
        if line.startswith("populated "):
            return line.split()[1] == "1"
    return False

cur_mem = [None]
def set_memory(limit):
    if cur_mem[0] == limit:
        return
    # memsw must stay >= the plain limit: order the two writes by direction.
    if cur_mem[0] is None or limit > cur_mem[0]:
        cg_write("memsw_limit", str(limit)); cg_write("mem_limit", str(limit))
    else:
        cg_write("mem_limit", str(limit)); cg_write("memsw_limit", str(limit))
    cur_mem[0] = limit

REAPED = {}          # main pid -> (status, rusage), when reaped by reap_all

def reap_all(main=None):
    while True:
        try:
            pid, st, ru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == main:
            REAPED[pid] = (st, ru)

def wait_main(pid):
    if pid in REAPED:
        return REAPED.pop(pid)
    _, st, ru = os.wait4(pid, 0)
    return st, ru

def kill_run(pid):
    """Kill everything the run started: cgroup.kill, else the process group."""
    killed = False
    if FD.get("v2_kill", -1) >= 0 and populated():
        cg_write("v2_kill", "1")
        killed = True
        deadline = time.monotonic() + 2.0
        while populated() and time.monotonic() < deadline:
            reap_all(pid)
            time.sleep(0.0002)
    elif FD.get("v2_kill", -1) < 0:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    reap_all(pid)
    return killed

def wipe(path):
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                wipe(e.path)
                os.rmdir(e.path)
            else:
                os.unlink(e.path)
        except OSError:
            pass

# ---- the child -----------------------------------------------------------
def child(h, code, stdin_fd, w_out, w_err, w_ready):
    try:
        for role in ("mem_procs", "pids_procs", "v2_procs"):
            fd = FD.get(role, -1)
            if fd >= 0:
                os.write(fd, b"0")
        os.setsid()
        os.dup2(stdin_fd, 0)
        os.dup2(w_out, 1)
        os.dup2(w_err, 2)
        os.dup2(w_ready, 3)
        os.closerange(4, 1 << 20)
        cpu_s = max(1, (h["cpu_ms"] + 999) // 1000)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (h["fsize"], h["fsize"]))
        resource.setrlimit(resource.RLIMIT_NOFILE, (h["nofile"], h["nofile"]))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (h["procs"], h["procs"]))
        as_limit = h.get("as", -1)
        if as_limit < 0:
            as_limit = BASE_VSZ + 2 * h["mem_bytes"] + (512 << 20)
        if as_limit > 0:
            resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit))
        os.chdir(SCRATCH)
        if RUN_UID is not None:
            os.setgroups([])
            os.setresgid(RUN_UID, RUN_UID, RUN_UID)
            os.setresuid(RUN_UID, RUN_UID, RUN_UID)
        if prog is not None:
            if prctl(38, 1, None, 0, 0) != 0:            # PR_SET_NO_NEW_PRIVS
                os._exit(121)
            if prctl(22, 2, prog_ref, 0, 0) != 0:        # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
                os._exit(122)
        os.environ.clear()
        os.environ.update(ENV)
        sys.argv = [USER_FILE]
        sys.path.insert(0, SCRATCH)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="strict")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="strict", write_through=False)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True)
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
        os.write(3, b"R")
        os.close(3)
    except BaseException:
        os._exit(120)
    rc = 0
    src = code.decode("utf-8", errors="surrogateescape")
    linecache.cache[USER_FILE] = (len(src), None, src.splitlines(True), USER_FILE)
    main = types.ModuleType("__main__")
    main.__file__ = USER_FILE
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    g = main.__dict__
    try:
        exec(compile(src, USER_FILE, "exec"), g)
    except SystemExit as e:
        c = e.code
        if c is None:
            rc = 0
        elif isinstance(c, int):
            rc = c & 0xff
        else:
            try:
                print(c, file=sys.stderr)
            except BaseException:
                pass
            rc = 1
    except BaseException as e:
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == MY_FILE:
            tb = tb.tb_next
        try:
            traceback.print_exception(type(e), e, tb, file=sys.stderr)
        except BaseException:
            pass
        rc = 1
    try:
        import threading
        threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit
        atexit._run_exitfuncs()
    except BaseException:
        pass
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:
            pass
    os._exit(rc)

# ---- one run ---------------------------------------------------------------
def run(h, code, stdin):
    set_memory(h["mem_bytes"])
    cg_write("pids_max", str(h["procs"]))
    cg_write("mem_max_usage", "0")
    oom_before = oom_kills()
    cap = h["out_bytes"]
    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    r_ready, w_ready = os.pipe()
    if stdin:
        stdin_fd = os.memfd_create("stdin")
        os.write(stdin_fd, stdin)
        os.lseek(stdin_fd, 0, 0)
    else:
        stdin_fd = os.open("/dev/null", os.O_RDONLY)
    t_req = T0[0]
    t0 = time.monotonic_ns()
    pid = os.fork()
    if pid == 0:
        try:
            child(h, code, stdin_fd, w_out, w_err, w_ready)
        finally:
            os._exit(120)
    for fd in (w_out, w_err, w_ready, stdin_fd):
        os.close(fd)
    t_forked = time.monotonic_ns()
    pidfd = os.pidfd_open(pid)
    for fd in (r_out, r_err, r_ready):
        os.set_blocking(fd, False)
    bufs = {r_out: [], r_err: []}
    sizes = {r_out: 0, r_err: 0}
    trunc = {r_out: False, r_err: False}
    ready = False
    deadline = t0 + h["wall_ms"] * 1_000_000
    p = select.poll()
    for fd in (r_out, r_err, r_ready):
        p.register(fd, select.POLLIN)
    p.register(pidfd, select.POLLIN)
    open_fds = {r_out, r_err, r_ready}
    timed_out = False
    overflow = False
    exited = False

    def drain(fd):
        nonlocal overflow, ready
        while True:
            try:
                b = os.read(fd, 65536)
            except BlockingIOError:
                return True
            except OSError:
                b = b""
            if not b:
                p.unregister(fd)
                open_fds.discard(fd)
                return False
            if fd == r_ready:
                ready = True
                T_READY[0] = time.monotonic_ns()
                continue
            room = cap - sizes[fd]
            if len(b) > room:
                if room > 0:
                    bufs[fd].append(b[:room])
                    sizes[fd] += room
                trunc[fd] = True
                overflow = True
                return True
            bufs[fd].append(b)
            sizes[fd] += len(b)

    while not exited and not overflow:
        left = (deadline - time.monotonic_ns()) // 1_000_000
        if left <= 0:
            timed_out = True
            break
        events = p.poll(max(1, left))
        for fd, ev in events:
            if fd == pidfd:
                exited = True
            elif fd in open_fds:
                drain(fd)
    t_end = time.monotonic_ns()
    run_delay = 0
    if timed_out:
        try:
            with open("/proc/%d/schedstat" % pid) as f:
                run_delay = int(f.read().split()[1])
        except (OSError, ValueError, IndexError):
            pass
    if timed_out or overflow:
        kill_run(pid)
    status, ru = wait_main(pid)
    wall_ns = t_end - t0
    # Whatever is already in the pipes belongs to the run; a daemon holding them
    # open does not stop supervision (we never wait for EOF).
    for fd in list(open_fds):
        if not overflow:
            drain(fd)
    leftovers = populated()
    if leftovers:
        kill_run(pid)
    REAPED.clear()
    for fd in (r_out, r_err, r_ready):
        try: os.close(fd)
        except OSError: pass
    os.close(pidfd)
    reap_all()
    oom = oom_kills() > oom_before
    peak = 0
    try:
        peak = int(cg_read("mem_max_usage").strip() or 0)
    except ValueError:
        pass
    if peak == 0:
        peak = ru.ru_maxrss * 1024
    pids_hit = False
    wipe(SCRATCH)
    resp = {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "wall_ns": wall_ns,
        "cpu_ns": int((ru.ru_utime + ru.ru_stime) * 1e9),
        "peak_bytes": peak,
        "timed_out": timed_out,
        "output_overflow": overflow,
        "stdout_truncated": trunc[r_out],
        "stderr_truncated": trunc[r_err],
        "oom": oom,
        "ready": ready,
        "leftovers": bool(leftovers),
        "run_delay_ns": run_delay,
        "phases_us": [(t0 - t_req) // 1000, (t_forked - t0) // 1000, (T_READY[0] - t0) // 1000,
                      (t_end - t0) // 1000, (time.monotonic_ns() - t0) // 1000],
    }
    return resp, b"".join(bufs[r_out]), b"".join(bufs[r_err])

write_frame({"ok": True, "loaded": loaded, "pid": os.getpid(), "python": sys.version.split()[0]})
T0 = [0]
T_READY = [0]
while True:
    hb, code, stdin = read_frame()
    T0[0] = time.monotonic_ns()
    h = json.loads(hb)
    if h.get("op") == "ping":
        write_frame({"ok": True})
        continue
    try:
        resp, out, err = run(h, code, stdin)
    except Exception as e:
        resp, out, err = {"sandbox_error": "%s: %s" % (type(e).__name__, e)}, b"", b""
    write_frame(resp, out, err)
"""#
}
