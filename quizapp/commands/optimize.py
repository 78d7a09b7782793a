"""``quizapp optimize [--retention R] [--timeout S] [--json]``: fit FSRS to the learner's own
reviews (in a child process), or set the desired retention, and print what happened."""

from __future__ import annotations

import json
import sys
from typing import Any

from quizapp import exit_codes
from quizapp.commands.common import error, language
from quizapp.schedule_report import format_status, metric_lines, retention_lines, when_text
from quizapp.texts import tr


def format_result(result: Any, lang: str) -> str:
    """The text ``quizapp optimize`` prints after a fit."""
    if result.fallback:
        lines = [tr("fit.fallback", lang, used=result.reviews_used, needed=result.needed,
                    more=max(result.needed - result.reviews_used, 1))]
    else:
        lines = [tr("fit.reviews", lang, used=result.reviews_used, reviews=result.reviews)]
        lines.append(tr("fit.stored", lang, id=result.fit_id, when=when_text(result.fitted_at))
                     if result.stored else tr("fit.worse", lang))
    if any(m.reviews for m in result.metrics.values()):
        lines += ["", *metric_lines(result.metrics, lang)]
    lines.append("")
    lines.append(tr("fit.parameters", lang, params=", ".join(f"{p:.4g}" for p in result.in_use)))
    lines += retention_lines(result.desired_retention, result.optimal_retention,
                              result.optimal_retention_note, lang)
    if not result.fallback:
        lines.append(tr("fit.took", lang, s=f"{result.seconds:.1f}"))
    return "\n".join(lines)


def run(args) -> int:
    """``quizapp optimize``: fit (default) or, with ``--retention R``, set the desired
    retention and show where the scheduler stands."""
    from quizapp import fsrs_fit
    from quizapp.calibration import usable_review_count
    from quizapp.paths import default_db_path
    from quizapp.store import Store, StoreError

    lang = language(args)
    retention = getattr(args, "retention", None)
    timeout = getattr(args, "timeout", None)
    if timeout is not None and timeout <= 0:
        error(f"--timeout wants a number of seconds above 0, got {timeout:g}", "optimize")
        return exit_codes.USAGE
    try:
        with Store.open(default_db_path(args.db)) as store:
            if retention is not None:
                try:
                    value = fsrs_fit.set_desired_retention(store, retention)
                except ValueError as exc:
                    error(str(exc), "optimize")
                    return exit_codes.USAGE
                status = fsrs_fit.fit_status(store)
                if args.json:
                    print(json.dumps(status.to_json(), ensure_ascii=False, indent=2))
                else:
                    print(tr("fit.retention_set", lang, value=f"{value:.2f}"))
                    print(format_status(status, lang))
                return exit_codes.OK
            usable = usable_review_count(store.review_events())
            if not args.json and usable >= fsrs_fit.MIN_REVIEWS_TO_FIT:
                limit = timeout or fsrs_fit.default_timeout(usable)
                print(tr("fit.running", lang, n=usable, limit=f"{limit:.0f}"),
                      file=sys.stderr, flush=True)
            try:
                result = fsrs_fit.optimize(store, timeout_s=timeout)
            except fsrs_fit.FitError as exc:
                error(tr("fit.failed", lang, error=exc), "optimize")
                return exit_codes.USAGE if exc.kind == "missing" else exit_codes.FAIL
    except StoreError as exc:
        error(str(exc), "optimize")
        return exit_codes.FAIL
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_result(result, lang))
    return exit_codes.OK
