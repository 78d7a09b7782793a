"""What the mock section's screens share: their styles (``mock.tcss`` beside this module) and
small formatting helpers."""

from __future__ import annotations

from quizapp.tui.screens.base import AppScreen


class MockScreenBase(AppScreen):
    """A screen of the mock section (texts ``mock.*`` of :mod:`quizapp.texts.mock`)."""

    CSS_PATH = "mock.tcss"
    TITLE_KEY = "mock.title"


def minutes_text(value: float) -> str:
    """Minutes as a short number: ``3``, ``1.5``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
