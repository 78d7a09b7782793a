"""Shared fixtures, in layers: each builds on the one before.

1. ``content_env`` (every test, autouse): a private user data folder holding the progress
   database (which also keeps the settings: language, theme, target date), the kata workspace
   and the cache of parsed banks; the project's own ``questions/`` and ``katas/``. Every
   ``QUIZAPP_*`` variable the code reads is set or cleared here and nowhere else, so neither a
   developer's shell nor their real progress reaches a test. A test that needs other content
   says so through the fixture (``content_env.use_katas(folder)``); a test sets a ``QUIZAPP_*``
   variable itself only where that variable is what it tests. ``session_content_env`` does the
   same for the whole test process, for module- and session-scoped fixtures, which are set up
   before any test's own ``content_env``.
2. Content on top: ``fixture_katas`` (the tests' small kata catalogue) and ``tui_env`` (the Pilot
   tests' banks and the fast ``double`` kata, copied to a temp folder; the bank cache off; UTC).
   ``project_cwd`` runs a test from the repository root, for messages that show relative paths.
3. ``grading_pool``: one warm grading slot per test process (each xdist worker has its own).

What drives the app in a Pilot test (start it on this content in a language, let it settle,
type) is in ``tui_support.py``, imported as a plain module.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tui_support import DOUBLE_KATA, FIXTURES, TUI_QUESTIONS

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ContentEnv:
    """Where the code under test reads its content and keeps user data during one test."""

    #: Every environment variable of quizapp's own (``grep -rn "QUIZAPP_" quizapp grader``);
    #: ``test_content_env.py`` fails when the code reads one that is missing here.
    VARIABLES = ("QUIZAPP_DATA", "QUIZAPP_DB", "QUIZAPP_CACHE", "QUIZAPP_QUESTIONS",
                 "QUIZAPP_KATAS")
    #: The user's editor: a test must never open the developer's own one.
    EDITOR_VARIABLES = ("VISUAL", "EDITOR")

    data: Path
    monkeypatch: pytest.MonkeyPatch = field(repr=False)
    questions: Path = PROJECT_ROOT / "questions"
    katas: Path = PROJECT_ROOT / "katas"
    bank_cache: Path | None = None

    @property
    def db(self) -> Path:
        """The progress database (``QUIZAPP_DB``); created when something first opens it."""
        return self.data / "progress.db"

    @property
    def workspace(self) -> Path:
        """Where ``kata start`` and the workbench write the learner's files."""
        return self.data / "workspace"

    def apply(self) -> None:
        """Write this environment into ``os.environ`` (undone when the test ends)."""
        mp = self.monkeypatch
        mp.setenv("QUIZAPP_DATA", str(self.data))
        mp.setenv("QUIZAPP_DB", str(self.db))
        mp.setenv("QUIZAPP_CACHE", str(self.bank_cache) if self.bank_cache else "off")
        for name, folder, default in (("QUIZAPP_QUESTIONS", self.questions, "questions"),
                                      ("QUIZAPP_KATAS", self.katas, "katas")):
            if folder == PROJECT_ROOT / default:
                mp.delenv(name, raising=False)   # the code's own default, as a user gets it
            else:
                mp.setenv(name, str(folder))
        for name in self.EDITOR_VARIABLES:
            mp.delenv(name, raising=False)

    def use_questions(self, folder: Path) -> Path:
        """Read the question banks from ``folder`` instead of the project's."""
        self.questions = Path(folder)
        self.apply()
        return self.questions

    def use_katas(self, folder: Path) -> Path:
        """Read the kata catalogue from ``folder`` instead of the project's."""
        self.katas = Path(folder)
        self.apply()
        return self.katas

    def disable_bank_cache(self) -> None:
        """Parse the banks on every load (a test that edits a bank sees its edit at once)."""
        self.bank_cache = None
        self.apply()


def fresh_content_env(tmp_path_factory, monkeypatch, name: str) -> ContentEnv:
    """A new user data folder (with its bank cache) and the project's content, applied."""
    data = tmp_path_factory.mktemp(name)
    env = ContentEnv(data, monkeypatch, bank_cache=data / "cache" / "banks")
    env.apply()
    return env


@pytest.fixture(scope="session", autouse=True)
def session_content_env(tmp_path_factory):
    """The same isolation for the whole test process, so that module- and session-scoped
    fixtures (set up before any test's own ``content_env``) cannot reach the user's data or
    read a ``QUIZAPP_*`` variable of the developer's shell either."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield fresh_content_env(tmp_path_factory, monkeypatch, "session-userdata")


@pytest.fixture(autouse=True)
def content_env(session_content_env, tmp_path_factory, monkeypatch) -> ContentEnv:
    """Every test's own user data folder, database, workspace and bank cache (see the module
    docstring). The folder is not the test's ``tmp_path``, which stays empty for the test."""
    return fresh_content_env(tmp_path_factory, monkeypatch, "userdata")


@pytest.fixture
def project_cwd(monkeypatch) -> Path:
    """Run the test from the repository root (messages there show paths relative to it)."""
    monkeypatch.chdir(PROJECT_ROOT)
    return PROJECT_ROOT


@pytest.fixture
def fixture_katas(content_env) -> Path:
    """The tests' own small kata catalogue (``tests/fixtures/katas``) instead of the project's."""
    return content_env.use_katas(FIXTURES / "katas")


@pytest.fixture
def utc_zone():
    """Local time is UTC during the test (the app shows days and hours in local time)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "UTC")
        time.tzset()
        yield
    time.tzset()  # again once TZ is back as it was, so later tests see their own zone


@pytest.fixture
def tui_env(content_env, tmp_path, utc_zone) -> ContentEnv:
    """The Pilot tests' content: the small banks of ``tests/fixtures/tui/questions`` and the fast
    ``double`` kata, copied to the test's temp folder (a test may add or break files there), with
    the cache of parsed banks off. Start the app on it with ``tui_support.running_app``."""
    content_env.use_questions(shutil.copytree(TUI_QUESTIONS, tmp_path / "questions"))
    katas = tmp_path / "katas"
    shutil.copytree(DOUBLE_KATA, katas / "double")
    content_env.use_katas(katas)
    content_env.disable_bank_cache()
    return content_env


@pytest.fixture(scope="session")
def grading_pool():
    """One warm grading slot for this test process (each xdist worker has its own)."""
    from grader.pool import Pool

    with Pool(1, device="cpu") as pool:
        yield pool
