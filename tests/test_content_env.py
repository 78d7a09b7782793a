"""The suite's own isolation: a test reads the content it was given and writes only into its own
temp folders, never into the developer's progress database, workspace or cache."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from quizapp import banks, katas, paths

ROOT = Path(__file__).resolve().parent.parent
VARIABLE = re.compile(r"\bQUIZAPP_[A-Z][A-Z_]*\b")


def variables_the_code_reads() -> set[str]:
    """Every ``QUIZAPP_*`` name written anywhere in the app's and the grader's sources."""
    found: set[str] = set()
    for package in ("quizapp", "grader"):
        for source in (ROOT / package).rglob("*.py"):
            found |= set(VARIABLE.findall(source.read_text(encoding="utf-8")))
    return found


def test_every_quizapp_variable_the_code_reads_is_set_or_cleared_by_content_env(content_env):
    missing = variables_the_code_reads() - set(content_env.VARIABLES)
    assert not missing, f"add {sorted(missing)} to ContentEnv.VARIABLES and to ContentEnv.apply"
    set_here = {name for name in content_env.VARIABLES if name in os.environ}
    assert set_here == {"QUIZAPP_DATA", "QUIZAPP_DB", "QUIZAPP_CACHE"}


def test_user_data_lives_in_a_temp_folder_of_the_test(content_env, tmp_path):
    assert paths.user_data_dir() == content_env.data
    assert paths.default_db_path() == content_env.db
    assert paths.workspace_dir() == content_env.workspace
    assert banks.bank_cache_dir() == content_env.bank_cache
    assert content_env.data.is_relative_to(tmp_path.parent)   # pytest's temp folder
    assert not list(tmp_path.iterdir())          # the test's own tmp_path is left to the test
    assert "VISUAL" not in os.environ and "EDITOR" not in os.environ


def test_content_is_the_project_unless_a_test_points_elsewhere(content_env, tmp_path):
    assert paths.questions_dir() == ROOT / "questions" == content_env.questions
    assert paths.katas_dir() == ROOT / "katas" == content_env.katas
    content_env.use_katas(tmp_path)
    assert paths.katas_dir() == tmp_path and katas.list_katas() == []
    content_env.disable_bank_cache()
    assert banks.bank_cache_dir() is None


def test_the_pilot_content_is_a_private_copy_in_utc(tui_env, tmp_path):
    assert paths.questions_dir() == tmp_path / "questions" == tui_env.questions
    assert sorted(p.name for p in paths.katas_dir().iterdir()) == ["double"]
    assert banks.bank_cache_dir() is None
    assert time.strftime("%Z") == "UTC"


@pytest.fixture(scope="module")
def seen_by_a_module_fixture():
    """What a module-scoped fixture sees: it is set up before any test's own content_env."""
    return paths.user_data_dir(), paths.default_db_path(), os.environ.get("QUIZAPP_KATAS")


def test_module_scoped_fixtures_are_isolated_too(seen_by_a_module_fixture, session_content_env):
    data, db, katas_variable = seen_by_a_module_fixture
    assert data == session_content_env.data and db == session_content_env.db
    assert katas_variable is None
