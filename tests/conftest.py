"""Shared fixtures: every test runs with its own user data folder and database; one warm grading
pool per test process."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user data folder and progress database."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("QUIZAPP_DATA", str(data))
    monkeypatch.setenv("QUIZAPP_DB", str(data / "progress.db"))
    return data


@pytest.fixture(scope="session")
def grading_pool():
    """One warm grading slot for this test process (each xdist worker has its own)."""
    from grader.pool import Pool

    with Pool(1, device="cpu") as pool:
        yield pool


@pytest.fixture
def fixture_katas(monkeypatch):
    """The tests' own small kata catalogue (``tests/fixtures/katas``) instead of the project's."""
    from pathlib import Path

    monkeypatch.setenv("QUIZAPP_KATAS", str(Path(__file__).parent / "fixtures" / "katas"))
