"""quizapp installs like any other package: a wheel carries the katas and the question banks.

The project is built once per test session, the way ``python -m build`` does (an sdist, then a
wheel from that sdist, so a file missing from MANIFEST.in shows up too), and the wheel is
installed into a fresh virtual environment. Each test then runs the installed ``quizapp`` from
a folder outside the source tree. The fresh environment sees the test environment's
dependencies (torch and the rest) through a ``.pth`` file instead of installing them again;
quizapp itself comes from the wheel, which the first test proves.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock  # a requirement of torch's, so always installed here

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_FOLDERS = ("katas", "questions")
#: Not part of a checkout a user would build from: caches, build output, environments.
NOT_COPIED = shutil.ignore_patterns(".*", "__pycache__", "*.py[cod]", "build", "dist",
                                    "*.egg-info", "snapshot_report.html")
#: The build backend pyproject.toml names. Its hooks are called directly, as ``python -m
#: build`` does, which skips the extra metadata pass that ``pip wheel`` makes.
BACKEND = "setuptools.build_meta"
STEP_TIMEOUT_S = 300

pytestmark = pytest.mark.slow  # a build, an install and a cold grade: 20-45 s in all


def run_step(args: list, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``args``; fail with their output unless they exit 0."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, check=False,
                          text=True, timeout=STEP_TIMEOUT_S)
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} exited {done.returncode}\n"
        f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}")
    return done


def content_files(root: Path) -> set[str]:
    """Every file under ``root`` (relative, POSIX style), Python's caches left out."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")}


# ---------------------------------------------------------------- building and installing

def build_hook(hook: str, source: Path, out: Path) -> Path:
    """Run the backend's PEP 517 ``hook`` (build_sdist, build_wheel) in ``source``; the file made."""
    code = f"import sys, {BACKEND} as backend; print(backend.{hook}(sys.argv[1]))"
    made = run_step([sys.executable, "-c", code, out], cwd=source).stdout.split()[-1]
    return out / made


def build_wheel(out: Path) -> Path:
    """sdist from a clean copy of the project, then a wheel from that sdist; the wheel's path."""
    # A copy: building in place would write build/ and *.egg-info into the working tree, and
    # a reused build/ can carry files that were deleted from the sources since.
    checkout = out / "checkout"
    shutil.copytree(PROJECT_ROOT, checkout, ignore=NOT_COPIED)
    sdist = build_hook("build_sdist", checkout, out / "sdist")
    # The "data" filter exists from Python 3.11.4 (and 3.10.12) on; the archive is our own.
    safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
    with tarfile.open(sdist) as archive:
        archive.extractall(out / "unpacked", **safe)
    (unpacked,) = (out / "unpacked").iterdir()
    return build_hook("build_wheel", unpacked, out / "wheel")


def fresh_venv(venv: Path) -> Path:
    """A new virtual environment that also sees this environment's installed dependencies."""
    run_step([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = run_step([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=venv).stdout.strip()
    # Plain path lines: the folders are appended to sys.path after the fresh site-packages, and
    # their own .pth files (this environment's editable quizapp finder) are not run.
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    Path(purelib, "test-environment-dependencies.pth").write_text("\n".join(ours) + "\n")
    return python


def install_wheel(root: Path) -> Path:
    """Build the wheel under ``root`` and install it in a fresh ``root/venv``; its python."""
    wheel = build_wheel(root)
    python = fresh_venv(root / "venv")
    run_step([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
              "--no-index", "--no-compile", wheel], cwd=root)
    return python


def shared_folder(tmp_path_factory) -> Path:
    """One folder per test session: under xdist its workers share it, so the wheel is built once."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return tmp_path_factory.getbasetemp().parent / "installed-wheel"
    return tmp_path_factory.mktemp("installed-wheel")


@dataclass(frozen=True)
class Installed:
    """The fresh environment that holds the installed wheel."""

    venv: Path
    python: Path

    @property
    def quizapp(self) -> Path:
        return self.python.parent / ("quizapp.exe" if os.name == "nt" else "quizapp")


@dataclass(frozen=True)
class Outside:
    """The installed quizapp, run from a work folder outside the source tree with its own data."""

    installed: Installed
    work: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_") and k != "PYTHONPATH"}
        # The user's data goes to the work folder; katas and banks come from the package itself.
        env.update(QUIZAPP_DATA=str(self.work / "data"), QUIZAPP_CACHE="off")
        return env

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        return run_step([*args], cwd=self.work, env=self.env())

    def quizapp(self, *args: str | Path) -> subprocess.CompletedProcess:
        return self.run(self.installed.quizapp, *args)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    root = shared_folder(tmp_path_factory)
    with FileLock(f"{root}.lock"):
        ready = root / "installed.json"
        if not ready.is_file():
            shutil.rmtree(root, ignore_errors=True)  # what a worker that failed left behind
            root.mkdir(parents=True)
            python = install_wheel(root)
            ready.write_text(json.dumps({"python": str(python)}))
    return Installed(venv=root / "venv", python=Path(json.loads(ready.read_text())["python"]))


@pytest.fixture
def outside(installed, tmp_path) -> Outside:
    work = tmp_path / "work"
    work.mkdir()
    return Outside(installed, work)


# ---------------------------------------------------------------- what a user relies on

def test_the_installed_package_is_the_wheel_not_the_source_tree(outside):
    probe = ("import json, quizapp, grader; from quizapp import paths, katalint; print(json.dumps("
             "{'quizapp': quizapp.__file__, 'grader': grader.__file__, 'checkout': "
             "str(paths.source_checkout()), 'katas': str(paths.katas_dir()), 'questions': "
             "str(paths.questions_dir()), 'seed_tool': str(katalint.SEED_TOOL)}))")
    found = json.loads(outside.run(outside.installed.python, "-c", probe).stdout)
    venv = outside.installed.venv.resolve()
    for name in ("quizapp", "grader", "katas", "questions"):
        assert Path(found[name]).resolve().is_relative_to(venv), (name, found[name])
    assert found["checkout"] == "None"
    assert found["seed_tool"] == "None"  # the authoring tool beside a checkout is simply absent
    assert not outside.work.resolve().is_relative_to(PROJECT_ROOT)


def test_the_wheel_carries_every_file_of_the_katas_and_banks(outside):
    package = Path(outside.run(outside.installed.python, "-c",
                               "import quizapp; print(quizapp.__file__)").stdout.strip()).parent
    for name in CONTENT_FOLDERS:
        shipped, source = content_files(package / "_content" / name), content_files(PROJECT_ROOT / name)
        assert shipped == source, (name, sorted(source - shipped)[:10], sorted(shipped - source)[:10])
    assert "sources.yaml" in content_files(package / "_content" / "questions")


def test_the_wheel_carries_every_file_of_the_packages(outside):
    """Modules and their data (the TUI's .tcss styles, wherever a screen keeps them)."""
    site = Path(outside.run(outside.installed.python, "-c",
                            "import quizapp; print(quizapp.__file__)").stdout.strip()).parent.parent
    for package in ("quizapp", "grader"):
        shipped = {f for f in content_files(site / package) if not f.startswith("_content/")}
        source = content_files(PROJECT_ROOT / package)
        assert shipped == source, (package, sorted(source - shipped)[:10], sorted(shipped - source)[:10])


def test_kata_list_shows_the_whole_catalogue(outside):
    listed = outside.quizapp("kata", "list").stdout
    first_words = {line.split()[0] for line in listed.splitlines() if line.strip()}
    expected = {p.parent.name for p in (PROJECT_ROOT / "katas").glob("*/kata.yaml")}
    assert "custom-linear" in first_words
    assert sorted(expected - first_words) == []


def test_grading_a_reference_solution_passes(outside):
    solution = outside.work / "custom_linear.py"
    shutil.copyfile(PROJECT_ROOT / "katas" / "custom-linear" / "reference.py", solution)
    done = outside.quizapp("grade", "custom-linear", solution.name, "--device", "cpu", "--json",
                           "--db", outside.work / "progress.db")
    report = json.loads(done.stdout)
    assert report["status"] == "pass", report
    assert report["tests"] and all(t["status"] == "pass" for t in report["tests"])


def test_bank_lint_finds_every_bank(outside):
    done = outside.quizapp("bank", "lint", "--no-run")
    banks = [p for p in (PROJECT_ROOT / "questions").glob("*.yaml") if p.name != "sources.yaml"]
    # The summary counts the files it read ("OK: 18 files, ..."): all of them, not none.
    assert re.search(rf"\b{len(banks)}\b", done.stdout + done.stderr), done.stdout
