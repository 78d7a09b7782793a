"""What the app opens with, when it is started for something other than the home screen.

``QuizApp(start=StartWith(mock_plan=plan))`` is how ``quizapp mock`` opens the app on a mock
interview; ``StartWith(kata_id="custom-linear")`` opens a kata's workbench. The app shows the
home screen (or the mock section, saying that it is loading) until the banks and katas are read,
then opens what it was started with, once (also after the learner chose to go on with a
temporary store when the progress database could not be opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.mock import Plan


@dataclass(frozen=True)
class StartWith:
    """One thing to open once the app is ready: a mock interview's plan
    (:class:`quizapp.mock.Plan`, started at once) or a kata's workbench (by id)."""

    mock_plan: Plan | None = None
    kata_id: str | None = None

    def __post_init__(self) -> None:
        if self.mock_plan is None and self.kata_id is None:
            raise ValueError("StartWith names nothing to open (start=None opens the home screen)")
        if self.mock_plan is not None and self.kata_id is not None:
            raise ValueError("the app starts with a mock plan or a kata, not both")
        if self.mock_plan is not None and not getattr(self.mock_plan, "items", None):
            raise ValueError("a mock plan to start with needs at least one item")
        if self.kata_id is not None and (not isinstance(self.kata_id, str)
                                         or not self.kata_id.strip()):
            raise ValueError(f"a kata id is a non-empty text, not {self.kata_id!r}")

    @property
    def section(self) -> str:
        """The section (mode) this opens in: ``mock`` for a plan, ``home`` for a kata."""
        return "mock" if self.mock_plan is not None else "home"
