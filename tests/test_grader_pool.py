"""The grading engine's pool: nothing of one submission reaches the next, a submission that kills
its grading process gets its own verdict and the slot is replaced, plans are reused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader import sandbox
from grader.pool import Pool

KATA = Path(__file__).parent / "fixtures" / "katas" / "double"
HAS_BWRAP = sandbox.choose_isolation() == "bubblewrap"
MARK = "quizapp-leak-marker"

CORRECT = """
def double(x):
    return x * 2
"""
WRONG = """
def double(x):
    return x * 3
"""

# Leaves a process running, writes a marker into every writable folder it can find, patches torch
# functions and module globals, forges a result for the next grade and fills memory; then passes.
HOSTILE = f"""
import os, sys, time
import torch

MARK = {MARK!r}

def spread():
    for top in ("/", "/tmp", "/dev/shm", "/var/tmp", os.getcwd(), os.path.expanduser("~"), "..", "/work"):
        for folder, subfolders, _ in os.walk(top):
            if folder.count(os.sep) > 4 or folder.startswith(("/proc", "/sys")):
                subfolders[:] = []
                continue
            try:
                with open(os.path.join(folder, MARK), "w") as handle:
                    handle.write("left by the previous submission")
            except OSError:
                pass
    # A forged result where the next grade's folder will be.
    for name in ("000002", "000003", "000004"):
        try:
            os.makedirs(os.path.join("..", name), exist_ok=True)
            with open(os.path.join("..", name, "result.bin"), "wb") as handle:
                handle.write(b"forged")
        except OSError:
            pass

def linger():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            sys.argv[0] = MARK
            while True:
                for folder in ("..", "/tmp"):
                    try:
                        with open(os.path.join(folder, MARK + "-late"), "w") as handle:
                            handle.write("written while the next grade ran")
                    except OSError:
                        pass
                time.sleep(0.05)
        os._exit(0)

spread()
linger()
torch.allclose = lambda *a, **k: True
torch.Tensor.__mul__ = lambda self, other: torch.zeros_like(self)
torch.nn.functional.linear = None
sys.modules["torch"].ones = None
HOG = bytearray(256 * 1024 * 1024)

def double(x):
    return x + x
"""

# A correct submission that fails if anything of the previous one is still around.
INSPECTOR = f"""
import os
MARK = {MARK!r}

def leftovers():
    found = []
    for top in ("/", "/tmp", "/dev/shm", "/var/tmp", os.getcwd(), os.path.expanduser("~"), "..", "/work"):
        for folder, subfolders, files in os.walk(top):
            if folder.count(os.sep) > 4 or folder.startswith(("/proc", "/sys")):
                subfolders[:] = []
                continue
            found += [os.path.join(folder, f) for f in files if f.startswith(MARK)]
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{{pid}}/cmdline", "rb") as handle:
                if MARK.encode() in handle.read():
                    found.append(f"process {{pid}}")
        except OSError:
            pass
    return found

def double(x):
    found = leftovers()
    if found:
        raise RuntimeError(f"left by the previous submission: {{found[:5]}}")
    import torch
    if torch.ones is None or torch.allclose(torch.zeros(1), torch.ones(1)):
        raise RuntimeError("torch is still patched")
    return x * 2
"""


@pytest.fixture(scope="module")
def pool():
    with Pool(1, device="cpu") as warm:
        yield warm


def write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path


@pytest.mark.skipif(not HAS_BWRAP, reason="the hostile submission writes wherever it can: only in the sandbox")
def test_nothing_of_a_hostile_submission_reaches_the_next(tmp_path, pool):
    hostile = pool.grade(KATA, write(tmp_path, "hostile.py", HOSTILE))
    assert hostile.status == "pass", hostile.to_text()
    after = pool.grade(KATA, write(tmp_path, "inspector.py", INSPECTOR))
    assert after.status == "pass", after.to_text() + after.output
    wrong = pool.grade(KATA, write(tmp_path, "wrong.py", WRONG))
    assert wrong.status == "fail", wrong.to_text()
    assert "elements differ" in wrong.to_text()


@pytest.mark.parametrize("isolation", ["auto", "rlimits"])
def test_a_submission_that_kills_its_grading_process_gets_its_own_verdict(tmp_path, isolation):
    killer = write(tmp_path, "killer.py", """
        import os, signal
        def double(x):
            os.kill(os.getppid(), signal.SIGKILL)
            return x * 2
        """)
    with Pool(1, device="cpu", isolation=isolation) as two_grades:
        report = two_grades.grade(KATA, killer)
        assert report.status == "error", report.to_text()
        assert "killed its grading process" in report.message
        assert two_grades.grade(KATA, write(tmp_path, "ok.py", CORRECT)).status == "pass"
        assert two_grades.slots[0].restarts == 0 or two_grades.slots[0].alive()


def test_a_pool_grades_in_parallel_and_reuses_the_plan(tmp_path):
    files = [write(tmp_path, f"s{i}.py", CORRECT if i % 2 else WRONG) for i in range(6)]
    with Pool(2, device="cpu") as two:
        results = dict(two.grade_many((KATA, f) for f in files))
        assert len(two.plans._plans) == 1
    statuses = {request.submission.name: report.status for request, report in results.items()}
    assert statuses == {f.name: ("pass" if i % 2 else "fail") for i, f in enumerate(files)}


def test_an_edited_kata_is_planned_again(tmp_path, pool):
    import shutil

    kata = tmp_path / "double"
    shutil.copytree(KATA, kata)
    submission = write(tmp_path, "ok.py", CORRECT)
    assert pool.grade(kata, submission).status == "pass"
    (kata / "reference.py").write_text("def double(x):\n    return x * 4\n")
    assert pool.grade(kata, submission).status == "fail"


def test_the_folders_of_a_killed_grader_are_removed_by_the_next_pool(tmp_path):
    import subprocess
    import sys

    from grader import slot

    code = ("import os, time; from grader.slot import Slot; s = Slot(device='cpu'); "
            "print(s.root, flush=True); time.sleep(60)")
    orphan = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    folder = Path(orphan.stdout.readline().strip())
    assert folder.is_dir()
    orphan.kill()
    orphan.wait()
    assert slot.remove_stale_slots() >= 1
    assert not folder.exists()
