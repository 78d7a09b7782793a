"""The process that holds a grading slot: torch imported once, a fresh fork per submission.

Runs inside the slot's sandbox (``python -I -S zygote.py CONFIG_JSON``), copied there beside
``runner.py`` and ``protocol.py``; it imports nothing from the grader. It never runs any code of
a submission itself: it imports torch (and warms what the checks need), says ``ready``, then for
each ``run`` command forks a child that becomes the submission's process (its own session and
process group, limits applied after the fork, stdin closed, stdout/stderr captured), enforces
the wall clock, kills everything the child left behind, and reports the child's fate.

CUDA cannot be used in a process forked after CUDA was initialised, so this process never
touches CUDA (no ``torch.cuda`` call at all): each child initialises CUDA for itself when its job
asks for the GPU, which costs the child the CUDA start-up but not the torch import.

Commands (one JSON object per line on stdin) and events (one per line on stdout):

* -> ``{"event": "ready", "torch": version, "startup_s": s}`` once torch is loaded;
* <- ``{"cmd": "run", "job_dir": ..., "config": {...}, "limits": {...}, "env": {...}}``
  -> ``{"event": "done", "returncode": ..., "timed_out": ..., "wall_s": ..., "stdout": ...,
  "stdout_total": ..., "stderr": ..., "stderr_total": ..., "swept": n}``;
* <- ``{"cmd": "quit"}``.
"""

import ctypes
import json
import os
import resource
import select
import signal
import sys
import time
import traceback

STREAM_CAP = 64 * 1024  # bytes of the child's raw stdout/stderr kept
PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36


def main():
    started = time.monotonic()
    config = json.loads(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = list(config["sys_path"]) + [here]
    events = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints must not corrupt the events
    prctl(PR_SET_DUMPABLE, 0)        # no ptrace and no /proc/<pid>/mem for the children
    prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of a submission come back to us, to be killed
    warm(config)
    import runner  # noqa: F401 - loaded here so that each child starts with it

    send(events, {"event": "ready", "torch": sys.modules["torch"].__version__,
                  "startup_s": round(time.monotonic() - started, 3)})
    commands = sys.stdin.buffer
    while True:
        line = commands.readline()
        if not line:
            return
        command = json.loads(line)
        if command.get("cmd") == "run":
            send(events, run_child(command, events, config))
        elif command.get("cmd") == "quit":
            return


def send(events, message):
    events.write(json.dumps(message) + "\n")
    events.flush()


def prctl(option, value):
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def warm(config):
    """Import torch and what the checks use, and pay every first-use cost (lazy imports, kernel
    registration, the meta device's kernels) here, once, instead of in every submission's process:
    a forked child inherits all of it."""
    import io

    import torch
    import torch.nn.functional as F
    import torch.utils.data  # noqa: F401
    from torch.overrides import TorchFunctionMode

    torch.set_num_threads(1)
    torch.manual_seed(0)

    class Passthrough(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            return func(*args, **(kwargs or {}))

    layer = torch.nn.Linear(3, 2)
    x = torch.randn(4, 3, requires_grad=True)
    with Passthrough():
        loss = F.cross_entropy(layer(x).softmax(-1), torch.tensor([0, 1, 0, 1]))
    loss.backward()
    if config.get("warm_training", True):
        # The first optimizer of a process imports torch._dynamo (seconds): katas that train pay
        # it here, once per slot. A one-off grade skips it (it would pay it either way, or not at all).
        for optimizer in (torch.optim.SGD(layer.parameters(), lr=0.1, momentum=0.9),
                          torch.optim.Adam(layer.parameters()), torch.optim.AdamW(layer.parameters())):
            optimizer.step()
            optimizer.zero_grad()
        from torch.utils.checkpoint import checkpoint  # its first call imports more of torch

        checkpoint(layer, x, use_reentrant=False).sum().backward()
    if config.get("warm_meta", True):
        meta = torch.empty(2, 3, device="meta")
        (meta @ meta.mT + 1).sum(-1).softmax(0)
        layer.to("meta")(torch.empty(5, 3, device="meta")).relu().mean()
    buffer = io.BytesIO()
    torch.save({"warm": torch.zeros(2), "n": [1, (2, 3)]}, buffer)
    torch.load(io.BytesIO(buffer.getvalue()), weights_only=True)


# ---------------------------------------------------------------- one submission

def run_child(command, events, config):
    """Fork the submission's process, wait for it within the wall clock, sweep, report."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        become_submission(command, out_w, err_w)  # never returns
    os.close(out_w)
    os.close(err_w)
    streams = {out_r: bytearray(), err_r: bytearray()}
    totals = {out_r: 0, err_r: 0}
    ended = set()
    status, timed_out = None, False
    deadline = started + float(command["limits"]["timeout_s"])
    while status is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 and not timed_out:
            timed_out = True
            kill_group(pid)
        live = [fd for fd in streams if fd not in ended]
        ready, _, _ = select.select(live, [], [], min(max(remaining, 0.0), 0.005))
        for fd in ready:
            read_into(fd, streams, totals, ended)
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
    wall = time.monotonic() - started
    kill_group(pid)
    swept = sweep(config.get("pid_namespace", False))
    for fd in streams:
        while read_into(fd, streams, totals, ended, block=False):
            pass
        os.close(fd)
    return {
        "event": "done",
        "returncode": decode_status(status),
        "timed_out": timed_out,
        "wall_s": round(wall, 4),
        "stdout": bytes(streams[out_r]).decode("utf-8", "replace"),
        "stdout_total": totals[out_r],
        "stderr": bytes(streams[err_r]).decode("utf-8", "replace"),
        "stderr_total": totals[err_r],
        "swept": swept,
    }


def read_into(fd, streams, totals, ended, block=True):
    """Read one chunk of a child stream, keeping the first STREAM_CAP bytes; False at its end."""
    if fd in ended:
        return False
    if not block:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            return False
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        chunk = b""
    if not chunk:
        ended.add(fd)
        return False
    totals[fd] += len(chunk)
    room = STREAM_CAP - len(streams[fd])
    if room > 0:
        streams[fd] += chunk[:room]
    return True


def decode_status(status):
    """waitpid's status as a return code: the exit status, or minus the signal number."""
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def sweep(pid_namespace):
    """Kill every process the submission left: our children (orphans come back to us as the
    subreaper), and in the slot's own PID namespace every process but its init and us."""
    me, killed = os.getpid(), 0
    for _ in range(100):
        victims = [pid for pid in processes(pid_namespace) if pid != me]
        if not victims:
            break
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (ProcessLookupError, PermissionError):
                pass
        reap()
        time.sleep(0.002)
    reap()
    return killed


def processes(pid_namespace):
    """Live processes to sweep: in the slot's PID namespace all but its init and us, else our
    children."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in (1, me):
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            state, parent = fields[0], int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
        if state != b"Z" and (pid_namespace or parent == me):
            found.append(int(entry))
    return found


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def become_submission(command, out_w, err_w):
    """In the forked child: cut every tie to the zygote, apply the limits, run the job."""
    code = 70
    try:
        os.setsid()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.closerange(3, 65536)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        apply_limits(command["limits"])
        os.environ.clear()
        os.environ.update(command["env"])
        sys.stdin = open(os.devnull)  # noqa: SIM115 - the child's stdin for the rest of its life
        sys.stdout = os.fdopen(1, "w", buffering=1)
        sys.stderr = os.fdopen(2, "w", buffering=1)
        import faulthandler

        faulthandler.enable(sys.stderr)
        import runner

        runner.run_job(command["job_dir"], command["config"])
        code = 0
    except BaseException:  # noqa: BLE001 - the grader must hear of it, whatever it is
        try:
            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
    finally:
        try:
            sys.stdout.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def apply_limits(limits):
    cpu = int(limits["cpu_s"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"], limits["open_files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.get("memory_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))


if __name__ == "__main__":
    main()
