"""Shared fixtures: every test runs with its own user data folder and database."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user data folder and progress database."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("QUIZAPP_DATA", str(data))
    monkeypatch.setenv("QUIZAPP_DB", str(data / "progress.db"))
    return data
