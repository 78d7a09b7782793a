"""The FSRS fit, in a process of its own: ``python -m quizapp._fsrs_fit_child``.

py-fsrs's ``Optimizer`` needs torch (the ``fsrs[optimizer]`` extra), and the app never imports
torch, so :func:`quizapp.fsrs_fit.run_fit` runs this module as a child process with a timeout,
as the grader runs submissions. It speaks JSON:

- stdin: ``{"reviews": [[card, "ISO time", rating, duration_ms or null], ...],
  "optimal_retention": true}``
- stdout, exit 0: ``{"parameters": [21 floats], "reviews_used": N, "fallback": bool,
  "optimal_retention": float or null, "optimal_retention_note": str or null, "seconds": s,
  "cpu_seconds": s, "retention_seconds": s}`` (the fit's wall-clock and CPU time, and the
  optimal-retention search's)
- stdout, exit 1 (bad input, a failed fit) or 3 (the optimizer is not installed):
  ``{"error": "...", "kind": "input" | "fit" | "missing"}``

Nothing here touches the progress database: the parent decides what to keep.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timezone

EXIT_OK, EXIT_FAILED, EXIT_MISSING = 0, 1, 3
#: py-fsrs's optimizer needs this many reviews (its mini-batch) before it fits anything.
OPTIMIZER_MINIMUM = 512


def _fail(message: str, kind: str, code: int = EXIT_FAILED) -> int:
    print(json.dumps({"error": message, "kind": kind}))
    return code


def _review_logs(rows: list, ReviewLog, Rating) -> list:
    """The payload's rows as py-fsrs ReviewLogs; card keys become small integers."""
    ids: dict[str, int] = {}
    logs = []
    for row in rows:
        card, at, rating, duration = row
        when = datetime.fromisoformat(at)
        when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(
            timezone.utc)
        logs.append(ReviewLog(card_id=ids.setdefault(str(card), len(ids) + 1),
                              rating=Rating(int(rating)), review_datetime=when,
                              review_duration=None if duration is None else int(duration)))
    return logs


def _optimal_retention(Optimizer, logs: list, parameters: list[float]) -> tuple[float | None, str | None]:
    """py-fsrs's optimal retention (the one that costs the least review time per thing
    remembered), or None and the reason it could not be computed."""
    timed = [log for log in logs if log.review_duration is not None]
    if len(timed) < OPTIMIZER_MINIMUM:
        return None, (f"needs {OPTIMIZER_MINIMUM} reviews with a recorded duration; the log has "
                      f"{len(timed)}")
    try:
        return float(Optimizer(timed).compute_optimal_retention(parameters)), None
    except (ValueError, ZeroDivisionError, KeyError) as exc:
        # e.g. no review after the first of any card was a recall: no costs to weigh
        return None, f"could not be computed from this log ({type(exc).__name__}: {exc})"


def main() -> int:
    try:
        import pandas  # noqa: F401 - the optimizer's own imports, checked for a clear message
        import torch
        from fsrs import Rating, ReviewLog
        from fsrs.optimizer import Optimizer
        from fsrs.scheduler import DEFAULT_PARAMETERS
    except ImportError as exc:
        return _fail(f"the FSRS optimizer is not installed ({exc}); install it with "
                     f"pip install 'fsrs[optimizer]'", "missing", EXIT_MISSING)
    from quizapp.calibration import usable_review_count
    from quizapp.scheduling import ReviewEvent

    torch.set_num_threads(1)  # scalar autograd: more threads only add overhead
    try:
        payload = json.load(sys.stdin)
        rows = payload["reviews"]
        logs = _review_logs(rows, ReviewLog, Rating)
    except (ValueError, KeyError, TypeError) as exc:
        return _fail(f"bad input: {type(exc).__name__}: {exc}", "input")
    usable = usable_review_count(
        ReviewEvent(str(card), datetime.fromisoformat(at), int(rating)) for card, at, rating, _ in rows)
    started, cpu_started = time.perf_counter(), time.process_time()
    if usable < OPTIMIZER_MINIMUM:
        parameters = list(DEFAULT_PARAMETERS)  # what py-fsrs returns too, without the wait
    else:
        try:
            parameters = Optimizer(logs).compute_optimal_parameters(verbose=False)
        except Exception as exc:  # noqa: BLE001 - any failure of the fit is reported, not raised
            return _fail(f"the fit failed: {type(exc).__name__}: {exc}", "fit")
        if parameters is None:  # every epoch's loss was NaN
            return _fail("the fit did not converge (every epoch's loss was not a number)", "fit")
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    fallback = usable < OPTIMIZER_MINIMUM or list(parameters) == list(DEFAULT_PARAMETERS)
    optimal, note, retention_seconds = None, None, 0.0
    if payload.get("optimal_retention", True):
        if fallback:
            note = "not computed: the fit fell back to the default parameters"
        else:
            started = time.perf_counter()
            optimal, note = _optimal_retention(Optimizer, logs, list(parameters))
            retention_seconds = time.perf_counter() - started
    print(json.dumps({
        "parameters": [float(p) for p in parameters], "reviews_used": usable,
        "fallback": fallback, "optimal_retention": optimal, "optimal_retention_note": note,
        "seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
        "retention_seconds": round(retention_seconds, 3)}))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
