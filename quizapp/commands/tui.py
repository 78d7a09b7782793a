"""``quizapp`` with no command: open the app (``--db``, ``--lang``)."""

from __future__ import annotations

from quizapp.paths import default_db_path


def run(args) -> int:
    """Run the TUI until the learner quits; its exit code is the app's return code."""
    from quizapp.tui.app import QuizApp

    app = QuizApp(db_path=default_db_path(getattr(args, "db", None)), lang=getattr(args, "lang", None))
    app.run()
    return int(app.return_code or 0)
