"""A grading slot, seen from the grader: one sandbox holding one zygote (``zygote.py``).

The slot's folder on the host (``grader-slot-*`` in the temp folder) has three parts, mounted
in the sandbox: ``code/`` (zygote, runner and protocol; read-only), ``work/`` (one folder per
grade, the submission's working folder and home) and ``tmp/`` (the sandbox's ``/tmp``). After
each grade the zygote has killed whatever the submission left running, and the slot empties
``work/``, ``tmp/`` and ``shm/`` (the sandbox's ``/dev/shm``), so nothing of one submission
reaches the next. A slot whose zygote dies
(killed by a submission, out of memory) reports that grade as such and starts a new zygote for
the next one.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from grader import protocol, sandbox

CODE_FILES = ("zygote.py", "runner.py", "protocol.py")
SLOT_PREFIX = "grader-slot-"
#: The slot's folders its processes can write to (/work, /tmp, /dev/shm): emptied after each grade.
WRITABLE = ("work", "tmp", "shm")


@dataclass
class Outcome:
    """What became of one submission's process (the verdict is the grader's, from the records)."""

    records: list[dict] = field(default_factory=list)
    returncode: int | None = None
    timed_out: bool = False
    limit_s: float = 0.0     # the wall clock it had
    zygote_died: bool = False
    wall_s: float = 0.0
    startup_s: float = 0.0   # waiting for the slot's zygote to be ready (torch import)
    stdout: str = ""
    stderr: str = ""
    isolation: str = ""
    note: str | None = None  # why there is no outcome from the process (slot failed to start)


class SlotError(Exception):
    """The slot could not be started or stopped answering."""


class Slot:
    """One sandboxed zygote; grades one submission at a time (``run``)."""

    def __init__(self, isolation: str = "auto", device: str = "cpu", warm_meta: bool = True,
                 warm_training: bool = True):
        self.isolation = sandbox.choose_isolation(isolation)
        self.device = device  # "cuda" gives the sandbox the GPU's device nodes
        self.warm_meta = warm_meta
        self.warm_training = warm_training
        self.root = Path(tempfile.mkdtemp(prefix=f"{SLOT_PREFIX}{os.getpid()}-"))
        self.token = uuid.uuid4().hex
        self.process: subprocess.Popen | None = None
        self.events: queue.Queue = queue.Queue()
        self.ready_info: dict | None = None
        self.started_at = 0.0
        self.grades = 0
        self.restarts = 0
        self._stderr: list[bytes] = []
        for part in WRITABLE + ("code",):
            (self.root / part).mkdir()
        here = Path(__file__).parent
        for name in CODE_FILES:
            shutil.copyfile(here / name, self.root / "code" / name)
        self.start()

    # -- life cycle

    @property
    def in_sandbox(self) -> bool:
        return self.isolation == "bubblewrap"

    def _path(self, part: str) -> str:
        """A folder of the slot as the slot's own processes see it."""
        if self.in_sandbox:
            return {"code": sandbox.CODE_MOUNT, "work": sandbox.WORK_MOUNT}[part]
        return str(self.root / part)

    def start(self) -> None:
        """Start the zygote (returns at once; ``wait_ready`` waits for torch to be loaded)."""
        site = sandbox.SITE_MOUNT if self.in_sandbox else sandbox.symlinked_site(self.root)
        config = {"sys_path": sandbox.stdlib_paths() + [site], "warm_meta": self.warm_meta,
                  "warm_training": self.warm_training,
                  "pid_namespace": self.in_sandbox}
        zygote = f"{self._path('code')}/zygote.py"
        command = [sandbox.python_executable(), "-I", "-S", "-X", "faulthandler", zygote, json.dumps(config)]
        prefix = sandbox.bubblewrap_command(self.root, self.device) if self.in_sandbox else []
        self.events = queue.Queue()
        self.ready_info = None
        self._stderr = []
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            prefix + command, cwd=self.root / "work",
            env=sandbox.scrubbed_environment(self._path("work"), self.token, self.device),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, preexec_fn=None if self.in_sandbox else sandbox.die_with_parent)
        threading.Thread(target=self._read_events, args=(self.process, self.events), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(self.process, self._stderr), daemon=True).start()

    @staticmethod
    def _read_events(process: subprocess.Popen, events: queue.Queue) -> None:
        for line in process.stdout:
            try:
                events.put(json.loads(line))
            except ValueError:
                continue
        events.put(None)  # the zygote is gone

    @staticmethod
    def _read_stderr(process: subprocess.Popen, sink: list[bytes]) -> None:
        kept = 0
        for chunk in iter(lambda: process.stderr.read1(65536), b""):
            if kept < 16384:
                sink.append(chunk[:16384 - kept])
                kept += len(chunk)

    def own_pids(self) -> set[int]:
        """The host pids of the slot's own processes: bwrap, its init in the PID namespace and the
        zygote (or, without a sandbox, the zygote alone). Anything else with the slot's token
        belongs to a submission."""
        if self.process is None:
            return set()
        found = frontier = {self.process.pid}
        for _ in range(2 if self.in_sandbox else 0):
            frontier = {pid for pid, parent in _parents().items() if parent in frontier}
            found = found | frontier
        return found

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, allowance_s: float = 90.0) -> float:
        """Wait until the zygote has loaded torch; return the seconds waited. Raises SlotError."""
        if self.ready_info is not None:
            return 0.0
        waited_from = time.monotonic()
        deadline = self.started_at + allowance_s
        while True:
            try:
                event = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.stop()
                raise SlotError(f"the grading slot did not start within {allowance_s:g} s") from None
            if event is None:
                raise SlotError("the grading slot could not start: " + self.stderr_tail())
            if event.get("event") == "ready":
                self.ready_info = event
                return time.monotonic() - waited_from

    def stderr_tail(self) -> str:
        text = b"".join(self._stderr).decode("utf-8", "replace").strip()
        return text[-1500:] or f"exit status {self.process.poll() if self.process else None}"

    def stop(self) -> None:
        """Stop the zygote and everything in the slot."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        if not self.in_sandbox:
            sandbox.kill_escaped(self.token)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                pipe.close()
            except OSError:
                pass
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()

    def close(self) -> None:
        """Stop the slot and remove its folder."""
        if self.process is not None and self.alive():
            try:
                self.process.stdin.write(b'{"cmd": "quit"}\n')
                self.process.stdin.flush()
            except OSError:
                pass
        self.stop()
        remove_tree(self.root)

    # -- one grade

    def run(self, files: dict[str, bytes], config: dict, limits: sandbox.Limits, device: str) -> Outcome:
        """Run one submission: ``files`` (name -> content) go into a fresh working folder."""
        outcome = Outcome(isolation=self.isolation, limit_s=limits.timeout_s)
        if not self.alive() and self.ready_info is not None:
            self.restart()
        try:
            outcome.startup_s = self.wait_ready(limits.startup_s)
        except SlotError as exc:
            outcome.note = str(exc)
            self.restart()
            return outcome
        self.grades += 1
        name = f"{self.grades:06d}"
        host_dir = self.root / "work" / name
        host_dir.mkdir()
        for filename, content in files.items():
            (host_dir / filename).write_bytes(content)
        job_dir = f"{self._path('work')}/{name}"
        command = {"cmd": "run", "job_dir": job_dir,
                   "config": dict(config, sys_path=self._sys_path()),
                   "limits": limits.for_child(device),
                   "env": sandbox.scrubbed_environment(job_dir, self.token, device)}
        try:
            self.process.stdin.write((json.dumps(command) + "\n").encode())
            self.process.stdin.flush()
            event = self.events.get(timeout=limits.timeout_s + 30)
        except (OSError, queue.Empty):
            event = None
        if event is None or event.get("event") != "done":
            outcome.zygote_died = True
            self.stop()
        else:
            outcome.returncode = event["returncode"]
            outcome.timed_out = event["timed_out"]
            outcome.wall_s = event["wall_s"]
            outcome.stdout = _capped(event["stdout"], event["stdout_total"])
            outcome.stderr = _capped(event["stderr"], event["stderr_total"])
        result = host_dir / protocol.RESULT_FILE
        if result.is_file() and not result.is_symlink():
            import torch

            outcome.records = protocol.read_records(torch, result.read_bytes()[:limits.file_bytes + 16])
        self.reset()
        if outcome.zygote_died:
            self.start()  # ready for the next grade while this one is judged
        return outcome

    def _sys_path(self) -> list[str]:
        site = sandbox.SITE_MOUNT if self.in_sandbox else str(self.root / "site")
        return sandbox.stdlib_paths() + [site]

    def reset(self) -> None:
        """Empty the slot's writable folders (the submission's processes are already dead)."""
        if not self.in_sandbox:
            sandbox.kill_escaped(self.token, keep=self.own_pids())
        for part in WRITABLE:
            folder = self.root / part
            for entry in list(folder.iterdir()) if folder.is_dir() else []:
                remove_tree(entry)


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process (from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return parents


def _capped(text: str, total: int) -> str:
    kept = len(text.encode("utf-8", "replace"))
    return text + (f"\n[... {total - kept} more bytes cut]" if total > kept else "")


def remove_stale_slots() -> int:
    """Remove the folders of slots whose grader process is gone (killed before it could clean
    up); returns how many. A slot's folder is named after the pid of the process that made it."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{SLOT_PREFIX}*-*"):
        owner = folder.name[len(SLOT_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not os.path.exists(f"/proc/{owner}") and folder.is_dir():
            remove_tree(folder)
            removed += 1
    return removed


def remove_tree(path: Path) -> None:
    """Remove a file or folder whatever the submission did to its permissions."""
    def make_writable(function, name, _exc):
        try:
            parent = os.path.dirname(name)
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
            if os.path.isdir(name) and not os.path.islink(name):
                os.chmod(name, stat.S_IRWXU)
            function(name)
        except OSError:
            pass

    if path.is_symlink() or path.is_file():
        try:
            path.unlink()
        except OSError:
            pass
        return
    shutil.rmtree(path, onerror=make_writable)
