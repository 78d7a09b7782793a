"""``quizapp mock``: plan a mock interview, run it in the app, or print a stored report.

- ``quizapp mock [--minutes M] [--topics ...] [--seed N]``: open the app on the plan.
- ``quizapp mock --plan [--json] ...``: print the plan instead (``--json`` alone means that too).
- ``quizapp mock report [ID] [--format md|json]``: print a stored report (default: the latest
  finished mock).

The plan, the scores and the report are :mod:`quizapp.mock`'s; this module reads the arguments,
picks the language and prints.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from quizapp import exit_codes
from quizapp.commands.common import error, language
from quizapp.texts import tr


def run(args) -> int:
    """Handler of ``quizapp mock`` (see the module docstring); exit 0 done, 1 nothing to show
    or plan, 2 bad invocation (an unknown topic, an id that is not a number)."""
    lang = language(args)
    if getattr(args, "action", None) == "report":
        return _report(args, lang)
    if getattr(args, "report_id", None) is not None:
        error(tr("mock.cli.id_without_report", lang), "mock")
        return exit_codes.USAGE
    made = _plan_from_args(args, lang)
    if isinstance(made, int):
        return made
    plan, topic_names = made
    if args.plan or args.json:  # --json alone means the plan as JSON
        if args.json:
            print(json.dumps(plan.to_json(), ensure_ascii=False))
        else:
            from quizapp.mock import render_plan

            print(render_plan(plan, lang, topic_names))
        return exit_codes.OK
    return _open_app(args, plan, lang)


# -- the plan ------------------------------------------------------------------------------------

def _warn(key: str, lang: str, **values: Any) -> None:
    print(f"warning: {tr(key, lang, **values)}", file=sys.stderr)


def _plan_from_args(args, lang: str):
    """``(plan, topic names)`` from ``--minutes``, ``--topics`` and ``--seed``, or an exit code
    after saying what is wrong."""
    from quizapp.mock import (
        KATA_FROM_MINUTES, compose_plan, known_topics, load_catalogue, load_mastery, new_seed,
    )

    catalogue = load_catalogue()
    questions, katas = catalogue.questions, catalogue.katas
    if not questions and not katas:
        error(tr("mock.cli.no_catalogue", lang), "mock")
        return exit_codes.FAIL
    topics = args.topics
    if topics:
        known = known_topics(questions, katas)
        unknown = [t for t in topics if t not in known]
        if unknown:
            error(tr("mock.cli.unknown_topics", lang, unknown=", ".join(unknown),
                     known=", ".join(sorted(known))), "mock")
            return exit_codes.USAGE
    try:
        mastery = load_mastery(getattr(args, "db", None), questions)
    except Exception as exc:  # noqa: BLE001 - a plan can be made without history
        _warn("mock.cli.no_history", lang, error=exc)
        mastery = {}
    seed = args.seed
    if seed is None:
        seed = new_seed()
        print(tr("mock.cli.seed_chosen", lang, seed=seed), file=sys.stderr)
    plan = compose_plan(questions, katas, mastery, args.minutes, seed, topics)
    if not plan.items:
        error(tr("mock.cli.nothing_fits", lang), "mock")
        return exit_codes.FAIL
    if plan.minutes >= KATA_FROM_MINUTES and not any(i.kind == "kata" for i in plan.items):
        _warn("mock.cli.no_kata_fits", lang)
    return plan, catalogue.topic_names


def _open_app(args, plan, lang: str) -> int:
    """Run the app, opening the mock section on ``plan``; the app's return code."""
    from quizapp.paths import default_db_path

    try:
        from quizapp.tui import app as tui_app
    except ImportError as exc:
        error(tr("mock.cli.no_app", lang, error=exc), "mock")
        return exit_codes.FAIL
    app = tui_app.QuizApp(db_path=default_db_path(getattr(args, "db", None)),
                          lang=getattr(args, "lang", None),
                          start=tui_app.StartWith(mock_plan=plan))
    app.run()
    return int(app.return_code or 0)


# -- quizapp mock report -------------------------------------------------------------------------

def _report(args, lang: str) -> int:
    """Print a stored report as Markdown (``--format md``) or JSON, with the trend up to it."""
    from quizapp import paths
    from quizapp.mock import mock_trend, render_markdown
    from quizapp.store import Store, StoreError

    path = paths.default_db_path(getattr(args, "db", None))
    if not path.is_file():
        error(tr("mock.cli.no_db", lang, path=path), "mock")
        return exit_codes.FAIL
    try:
        with Store.open(path, create=False) as store:
            sessions = store.mock_sessions()
            session = _session_to_report(sessions, args.report_id, lang)
            if isinstance(session, int):
                return session
            report = dict(session.report)
            report["trend"] = mock_trend(sessions, upto=session.id)
    except StoreError as exc:
        error(str(exc), "mock")
        return exit_codes.FAIL
    if args.format == "json" or getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_markdown(report), end="")
    return exit_codes.OK


def _session_to_report(sessions: list, wanted_id: str | None, lang: str):
    """The session ``wanted_id`` names (default: the latest finished one), or an exit code after
    saying why there is none."""
    finished = [s for s in sessions if s.finished_at is not None and s.report]
    if wanted_id is None:
        if finished:
            return finished[0]
        print(tr("mock.cli.no_finished", lang), file=sys.stderr)
        return exit_codes.FAIL
    try:
        wanted = int(wanted_id)
    except ValueError:
        error(tr("mock.cli.bad_id", lang, value=wanted_id), "mock")
        return exit_codes.USAGE
    session = next((s for s in sessions if s.id == wanted), None)
    if session is None:
        ids = tr("mock.cli.ids", lang, ids=", ".join(str(s.id) for s in finished[:10])) \
            if finished else ""
        error(tr("mock.cli.no_such_mock", lang, id=wanted, ids=ids), "mock")
        return exit_codes.FAIL
    if session.finished_at is None or not session.report:
        error(tr("mock.cli.unfinished", lang, id=wanted), "mock")
        return exit_codes.FAIL
    return session
