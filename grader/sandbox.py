"""Start the submission's process, isolated and limited, and clean up after it.

Isolation, strongest available first:

* ``bubblewrap``: the child sees only the Python standard library, torch and numpy (and what
  they import) mounted read-only, its own working folder, an empty ``/tmp``; no network, its own
  PID namespace (it cannot see or signal the grader), killed with the grader.
* ``rlimits``: when bubblewrap is missing or cannot run here, the child still gets an import path
  holding only the standard library, torch and numpy, a scrubbed environment and the limits below,
  but it could read files by absolute path. The report says which isolation was used.

Limits in both cases: address space, CPU time, file size, open files, no core dumps, stdin
closed, stdout/stderr captured and capped, a wall-clock timeout that kills the whole process
group, and a sweep for escaped processes (found by a token in their environment).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

STREAM_CAP = 64 * 1024  # bytes of raw stdout/stderr kept
ALLOWED_DISTRIBUTIONS = ("torch", "numpy")
SITE_MOUNT = "/opt/grader-site"


@dataclass
class Limits:
    """Resource limits for one grade."""

    timeout_s: float = 20.0
    # Importing torch is not the submission's time: it gets its own, generous allowance, and
    # the wall clock of ``timeout_s`` starts once the child reports that torch is loaded.
    startup_s: float = 90.0
    memory_bytes: int | None = 6 * 1024**3
    file_bytes: int = 64 * 1024**2
    open_files: int = 256


@dataclass
class ChildRun:
    """A running (then finished) submission process."""

    process: subprocess.Popen
    workdir: Path
    token: str
    isolation: str
    started: float
    limits: Limits
    streams: dict = field(default_factory=dict)
    timed_out: bool = False
    returncode: int | None = None
    wall_s: float = 0.0
    ready_s: float = 0.0  # seconds from start until torch was imported in the child


# ---------------------------------------------------------------- import path

@functools.lru_cache(maxsize=1)
def allowed_site_entries() -> tuple[tuple[str, str], ...]:
    """(name, path) of the site-packages entries of torch, numpy and everything they require."""
    seen, queue, entries = set(), list(ALLOWED_DISTRIBUTIONS), {}
    while queue:
        name = queue.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            req_name = requirement.split(";")[0].strip()
            for sep in "<>=!~[ (":
                req_name = req_name.split(sep)[0]
            queue.append(req_name)
        # Reading RECORD as text is ~50x faster than dist.files for torch's 15,000 files.
        record = dist.read_text("RECORD") or dist.read_text("top_level.txt") or ""
        tops = {line.split(",", 1)[0].split("/", 1)[0] for line in record.splitlines() if line}
        for top in tops:
            if top.endswith((".dist-info", ".egg-info", ".pth")) or top in ("..", "__pycache__", ""):
                continue
            path = Path(dist.locate_file(top))
            if path.exists():
                entries[top] = str(path)
    return tuple(sorted(entries.items()))


def stdlib_paths() -> list[str]:
    paths = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_exec_prefix,
                                      "installed_base": sys.base_prefix,
                                      "installed_platbase": sys.base_exec_prefix})
    return [p for p in dict.fromkeys([paths["stdlib"], paths["platstdlib"],
                                      os.path.join(paths["platstdlib"], "lib-dynload")]) if os.path.isdir(p)]


def python_executable() -> str:
    """The real interpreter (not a venv shim, whose pyvenv.cfg would pull in site-packages)."""
    return os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)


# ---------------------------------------------------------------- sandbox detection

@functools.lru_cache(maxsize=4)
def bubblewrap_works(bwrap: str | None) -> bool:
    """True when bubblewrap exists and can create namespaces on this machine.

    The answer is remembered in the temp folder until the binary changes or the machine
    reboots: the probe costs a quarter of a second, which every cold grade would pay.
    """
    if not bwrap:
        return False
    marker = _probe_marker(bwrap)
    if marker is not None and marker.exists():
        return marker.read_text() == "ok"
    try:
        probe = subprocess.run([bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                                "true"], capture_output=True, timeout=10)
        works = probe.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        works = False
    if marker is not None:
        try:
            marker.write_text("ok" if works else "no")
        except OSError:
            pass
    return works


def _probe_marker(bwrap: str) -> Path | None:
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stamp = os.stat(bwrap).st_mtime_ns
    except OSError:
        return None
    key = f"{bwrap}|{stamp}|{boot}|{os.getuid()}"
    return Path(tempfile.gettempdir()) / f"grader-bwrap-{uuid.uuid5(uuid.NAMESPACE_URL, key).hex}"


def choose_isolation(preference: str = "auto") -> str:
    """'bubblewrap' when asked for or available, else 'rlimits'."""
    if preference == "rlimits" or os.environ.get("GRADER_SANDBOX") == "none":
        return "rlimits"
    return "bubblewrap" if bubblewrap_works(shutil.which("bwrap")) else "rlimits"


def bubblewrap_command(workdir: Path, device: str) -> list[str]:
    """The bwrap prefix: a read-only minimal root, the workdir, nothing of the project or home."""
    cmd = [shutil.which("bwrap"), "--unshare-all", "--die-with-parent", "--new-session",
           "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--tmpfs", "/tmp"]
    for link in ("lib", "lib64", "bin", "sbin"):
        target = os.path.realpath(f"/{link}")
        if target.startswith("/usr/"):
            cmd += ["--symlink", target.lstrip("/"), f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            cmd += ["--ro-bind", f"/{link}", f"/{link}"]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr"):
        cmd += ["--ro-bind", prefix, prefix]
    for name, path in allowed_site_entries():
        cmd += ["--ro-bind", path, f"{SITE_MOUNT}/{name}"]
    if device == "cuda":
        # The GPU needs its device nodes, driver files and the loader cache.
        cmd += ["--dev-bind", "/dev", "/dev", "--ro-bind", "/sys", "/sys", "--ro-bind", "/etc", "/etc"]
        for extra in ("/usr/local/nvidia", "/usr/local/cuda", "/run/nvidia-persistenced"):
            if os.path.exists(extra):
                cmd += ["--ro-bind", extra, extra]
    else:
        cmd += ["--dev", "/dev"]
    cmd += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    return cmd


def symlinked_site(workdir: Path) -> str:
    """Without a sandbox: a folder of links to the allowed packages only."""
    site = workdir.parent / "site"
    site.mkdir(exist_ok=True)
    for name, path in allowed_site_entries():
        (site / name).symlink_to(path)
    return str(site)


# ---------------------------------------------------------------- environment and limits

def scrubbed_environment(workdir: Path, token: str, device: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(workdir), "TMPDIR": str(workdir), "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONNOUSERSITE": "1",
        "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
        "GRADER_TOKEN": token,
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # machine quirks numpy/torch rely on
        if name in os.environ:
            env[name] = os.environ[name]
    if device == "cuda":
        for name, value in os.environ.items():
            if name.startswith(("CUDA_", "NVIDIA_")) or name == "LD_LIBRARY_PATH":
                env[name] = value
    return env


def limit_resources(limits: Limits, device: str) -> None:
    """Runs in the child between fork and exec."""
    cpu = int(limits.timeout_s) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # CUDA reserves far more address space than it uses; an address-space cap breaks it.
    if limits.memory_bytes and device != "cuda":
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


# ---------------------------------------------------------------- running

def new_workdir() -> Path:
    """A private temp folder for one grade: ``<tmp>/grade-xxxx/work``."""
    root = Path(tempfile.mkdtemp(prefix="grade-"))
    workdir = root / "work"
    workdir.mkdir()
    (workdir / "out").mkdir()
    return workdir


def start_child(workdir: Path, config: dict, limits: Limits, device: str, isolation: str) -> tuple[ChildRun, int]:
    """Start runner.py on the submission in ``workdir``; return the run and the job pipe's write end."""
    token = uuid.uuid4().hex
    shutil.copyfile(Path(__file__).with_name("runner.py"), workdir / "runner.py")
    if isolation == "bubblewrap":
        site = SITE_MOUNT
        prefix = bubblewrap_command(workdir, device)
    else:
        site = symlinked_site(workdir)
        prefix = []
    import json

    config = dict(config, sys_path=stdlib_paths() + [site])
    job_read, job_write = os.pipe()
    command = prefix + [python_executable(), "-I", "-S", "-X", "faulthandler", str(workdir / "runner.py"),
                        str(workdir), str(job_read), json.dumps(config)]
    process = subprocess.Popen(
        command, cwd=workdir, env=scrubbed_environment(workdir, token, device),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        pass_fds=(job_read,), start_new_session=True,
        preexec_fn=functools.partial(limit_resources, limits, device))
    os.close(job_read)
    run = ChildRun(process, workdir, token, isolation, time.monotonic(), limits)
    for name in ("stdout", "stderr"):
        run.streams[name] = drain(getattr(process, name))
    return run, job_write


def drain(stream) -> dict:
    """Read a stream to its end in a thread, keeping the first STREAM_CAP bytes."""
    box = {"data": bytearray(), "total": 0}

    def pump():
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                break
            box["total"] += len(chunk)
            room = STREAM_CAP - len(box["data"])
            if room > 0:
                box["data"] += chunk[:room]

    box["thread"] = threading.Thread(target=pump, daemon=True)
    box["thread"].start()
    return box


def send_job(run: ChildRun, job_write: int, payload: bytes) -> None:
    """Write the job to the child's pipe in a thread (a child that never reads must not block us)."""
    def write():
        try:
            with os.fdopen(job_write, "wb") as pipe:
                pipe.write(payload)
        except (BrokenPipeError, OSError):
            pass

    threading.Thread(target=write, daemon=True).start()


def wait_until_ready(run: ChildRun) -> float:
    """Wait until the child has imported torch (it writes ``out/ready``); return that moment."""
    ready = run.workdir / "out" / "ready"
    deadline = run.started + run.limits.startup_s
    while not ready.exists() and run.process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return time.monotonic()


def wait(run: ChildRun) -> None:
    """Wait for the child to finish or the wall clock to run out; then kill whatever is left."""
    clock_start = wait_until_ready(run)
    run.ready_s = clock_start - run.started
    remaining = run.limits.timeout_s - (time.monotonic() - clock_start)
    try:
        run.returncode = run.process.wait(timeout=max(0.0, remaining))
    except subprocess.TimeoutExpired:
        run.timed_out = True
    run.wall_s = time.monotonic() - run.started
    terminate(run)


def terminate(run: ChildRun) -> None:
    """Kill the child's process group and any process carrying its token; reap the child."""
    try:
        os.killpg(run.process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    kill_escaped(run.token)
    try:
        code = run.process.wait(timeout=5)
        if run.returncode is None and not run.timed_out:
            run.returncode = code
    except subprocess.TimeoutExpired:
        pass
    for box in run.streams.values():
        box["thread"].join(timeout=2)


def kill_escaped(token: str) -> int:
    """SIGKILL processes that left the process group (setsid, double fork) but kept our token."""
    marker = f"GRADER_TOKEN={token}".encode()
    killed = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if marker in handle.read().split(b"\0"):
                    os.kill(int(entry), signal.SIGKILL)
                    killed += 1
        except (OSError, ValueError):
            continue
    return killed


def stream_text(run: ChildRun, name: str) -> str:
    box = run.streams[name]
    text = box["data"].decode("utf-8", "replace")
    if box["total"] > len(box["data"]):
        text += f"\n[... {box['total'] - len(box['data'])} more bytes cut]"
    return text


def cleanup(run: ChildRun) -> None:
    """Remove the grade's temp folder."""
    shutil.rmtree(run.workdir.parent, ignore_errors=True)
