"""FSRS fitted to the learner: their own parameters from their own review log.

py-fsrs's ``Optimizer`` (the ``fsrs[optimizer]`` extra) needs torch, which the app never imports,
so the fit runs in a child process (:mod:`quizapp._fsrs_fit_child`) with the review log as JSON on
its stdin and the parameters as JSON on its stdout, under a timeout; a fit that fails, times out
or is cancelled changes nothing. :func:`optimize` then judges the fit on the learner's log
(:mod:`quizapp.calibration`), stores it (:meth:`quizapp.store.Store.save_fit`) and from then on
every review is scheduled with it::

    result = optimize(store)              # OptimizeResult: what the command layer shows
    offer = fit_offer_for(store)          # FitOffer: is a (new) fit worth offering?
    set_desired_retention(store, 0.85)    # the learner's choice, 0.70..0.97

When the log holds fewer than :data:`MIN_REVIEWS_TO_FIT` reviews the optimizer can learn from
(a review of a card on a later day than its previous review), py-fsrs returns its default
parameters; the result says so (``fallback``) and nothing is stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from quizapp.calibration import Calibration, Metrics, calibration, compare, usable_review_count
from quizapp.scheduling import DEFAULT_PARAMETERS, ReviewEvent, utc
from quizapp.processes import kill_group

__all__ = [
    "CHILD_MODULE", "ChildFit", "FitError", "FitOffer", "FitStatus", "MIN_REVIEWS_TO_FIT",
    "OptimizeResult", "REFIT_GROWTH", "default_timeout", "fit_command", "fit_offer",
    "fit_offer_for", "fit_status", "learner_calibration", "optimize", "run_fit",
    "set_desired_retention",
]

CHILD_MODULE = "quizapp._fsrs_fit_child"
#: py-fsrs fits nothing below one mini-batch of usable reviews (512): it returns its defaults.
MIN_REVIEWS_TO_FIT = 512
#: A new fit is offered once the log holds this many times the usable reviews of the last fit.
REFIT_GROWTH = 1.25
# The fit's cost grows linearly with the reviews (five epochs of scalar autograd over each):
# measured about 13 ms of CPU per usable review (benchmarks/fsrs_fit.py: 98 s for 7,242, 920 s
# for 72,208). The timeout allows about 4 times that, for a slow or busy machine.
_TIMEOUT_BASE_S = 120.0
_TIMEOUT_PER_REVIEW_S = 0.06
_RETENTION_TIMEOUT_S = 300.0  # py-fsrs simulates 6 retentions x 1000 cards for a year


class FitError(Exception):
    """The fit did not produce parameters; nothing was changed. ``kind`` is ``timeout``,
    ``cancelled``, ``missing`` (the optimizer extra is not installed), ``crashed``, ``input``,
    ``fit`` (the optimizer failed) or ``output`` (the child's answer was not understood)."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ChildFit:
    """What the child process answered."""

    parameters: tuple[float, ...]
    reviews_used: int
    fallback: bool
    optimal_retention: float | None
    optimal_retention_note: str | None
    seconds: float
    retention_seconds: float = 0.0
    cpu_seconds: float = 0.0


def fit_command(python: str | None = None) -> list[str]:
    """The command line of the child process."""
    return [python or sys.executable, "-m", CHILD_MODULE]


def default_timeout(usable_reviews: int, optimal_retention: bool = True) -> float:
    """Seconds the fit may take for a log of ``usable_reviews`` before it is killed."""
    extra = _RETENTION_TIMEOUT_S if optimal_retention else 0.0
    return _TIMEOUT_BASE_S + _TIMEOUT_PER_REVIEW_S * max(usable_reviews, 0) + extra


def _payload(events: Sequence[ReviewEvent], optimal_retention: bool) -> str:
    return json.dumps({
        "reviews": [[e.card, utc(e.at).isoformat(), int(e.rating), e.duration_ms]
                    for e in events],
        "optimal_retention": optimal_retention})


def _child_env() -> dict[str, str]:
    """The environment with this quizapp importable, wherever the child starts."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _wait(proc: subprocess.Popen, timeout_s: float,
          cancelled: Callable[[], bool] | None) -> tuple[str, str]:
    """Wait for the child's answer; kill its process group on timeout or cancel."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return proc.communicate(timeout=0.2)
        except subprocess.TimeoutExpired:
            if cancelled is not None and cancelled():
                kill_group(proc)
                proc.communicate()
                raise FitError("the fit was cancelled; nothing was changed",
                               "cancelled") from None
            if time.monotonic() > deadline:
                kill_group(proc)
                proc.communicate()
                raise FitError(f"the fit did not finish within {timeout_s:g} s and was stopped; "
                               f"nothing was changed", "timeout") from None


def _parse(out: str, err: str, code: int) -> ChildFit:
    lines = [line for line in out.splitlines() if line.strip()]
    try:
        data = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and "error" in data:
        raise FitError(str(data["error"]), str(data.get("kind") or "fit"))
    if code != 0 or not isinstance(data, dict):
        tail = " / ".join((err or out).strip().splitlines()[-3:]) or "no output"
        if code != 0:
            raise FitError(f"the fit stopped (exit {code}): {tail}", "crashed")
        raise FitError(f"the fit's answer was not understood: {tail}", "output")
    try:
        parameters = tuple(float(p) for p in data["parameters"])
        if len(parameters) != len(DEFAULT_PARAMETERS):
            raise ValueError(f"{len(parameters)} parameters")
        optimal = data.get("optimal_retention")
        return ChildFit(parameters, int(data["reviews_used"]), bool(data["fallback"]),
                        None if optimal is None else float(optimal),
                        data.get("optimal_retention_note"), float(data.get("seconds") or 0.0),
                        float(data.get("retention_seconds") or 0.0),
                        float(data.get("cpu_seconds") or 0.0))
    except (KeyError, TypeError, ValueError) as exc:
        raise FitError(f"the fit's answer was not understood ({exc})", "output") from exc


def run_fit(events: Sequence[ReviewEvent], *, timeout_s: float | None = None,
            optimal_retention: bool = True, python: str | None = None,
            cancelled: Callable[[], bool] | None = None) -> ChildFit:
    """Fit FSRS parameters to ``events`` in a child process; raises :class:`FitError` when it
    does not answer with parameters (timeout, cancelled, crashed, optimizer not installed)."""
    events = list(events)
    if timeout_s is None:
        timeout_s = default_timeout(usable_review_count(events), optimal_retention)
    # The log reaches the child's stdin from an unnamed temporary file, not a pipe: a pipe holds
    # 64 KiB, the child reads only once torch is imported, and communicate() cannot go on
    # writing after one of its timeouts (it only goes on reading).
    with tempfile.TemporaryFile() as log_file:
        log_file.write(_payload(events, optimal_retention).encode("utf-8"))
        log_file.seek(0)
        try:
            proc = subprocess.Popen(fit_command(python), stdin=log_file, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                    start_new_session=True, env=_child_env())
        except OSError as exc:
            raise FitError(f"could not start the fit: {exc}", "crashed") from exc
        try:
            out, err = _wait(proc, timeout_s, cancelled)
        finally:
            if proc.poll() is None:
                kill_group(proc)
                proc.wait()
    return _parse(out, err, proc.returncode)


# --------------------------------------------------------------------------------------------
# When to offer a fit

@dataclass(frozen=True)
class FitOffer:
    """Whether to offer a (new) fit. ``reason``: ``first`` (enough reviews, never fitted),
    ``grown`` (25% more usable reviews than the last fit used), ``too_few`` (under
    :data:`MIN_REVIEWS_TO_FIT`), ``recent`` (too little new since the last fit).
    ``needed`` is the usable-review count at which a fit will be offered."""

    offer: bool
    reason: str
    usable_reviews: int
    last_fit_reviews: int | None
    needed: int


def fit_offer(usable_reviews: int, last_fit_reviews: int | None) -> FitOffer:
    """The rule: offer a fit when the log has at least :data:`MIN_REVIEWS_TO_FIT` usable
    reviews and, after a fit, at least :data:`REFIT_GROWTH` times the reviews that fit used.
    A log smaller than at the last fit (progress was reset) counts as never fitted."""
    if last_fit_reviews is not None and usable_reviews < last_fit_reviews:
        last_fit_reviews = None
    if usable_reviews < MIN_REVIEWS_TO_FIT:
        return FitOffer(False, "too_few", usable_reviews, last_fit_reviews, MIN_REVIEWS_TO_FIT)
    if last_fit_reviews is None:
        return FitOffer(True, "first", usable_reviews, None, MIN_REVIEWS_TO_FIT)
    needed = max(MIN_REVIEWS_TO_FIT, int(-(-last_fit_reviews * REFIT_GROWTH // 1)))
    if usable_reviews >= needed:
        return FitOffer(True, "grown", usable_reviews, last_fit_reviews, needed)
    return FitOffer(False, "recent", usable_reviews, last_fit_reviews, needed)


def fit_offer_for(store: Any) -> FitOffer:
    """:func:`fit_offer` for the learner's progress database."""
    with store.snapshot():
        events = store.review_events()
        last = store.last_fit()
    return fit_offer(usable_review_count(events), last.reviews_used if last else None)


# --------------------------------------------------------------------------------------------
# Fitting, judging and storing

@dataclass(frozen=True)
class OptimizeResult:
    """What a fit did, for the command layer to show.

    ``metrics`` holds the log-loss and RMSE of ``defaults`` (FSRS-6's parameters), ``current``
    (those in use before the fit) and ``fitted``, all over the same log. ``stored`` tells
    whether the fitted parameters are now in use; when not, ``kept_reason`` says why:
    ``fallback`` (too few usable reviews, the optimizer returned its defaults) or ``worse``
    (the fit predicts the learner's own log worse than the parameters in use).
    """

    reviews: int
    reviews_used: int
    fallback: bool
    stored: bool
    kept_reason: str | None
    fitted: tuple[float, ...]
    in_use: tuple[float, ...]
    desired_retention: float
    optimal_retention: float | None
    optimal_retention_note: str | None
    metrics: dict[str, Metrics]
    fitted_at: datetime
    seconds: float
    needed: int = MIN_REVIEWS_TO_FIT
    fit_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews, "reviews_used": self.reviews_used,
            "needed": self.needed, "fallback": self.fallback, "stored": self.stored,
            "kept_reason": self.kept_reason, "fit_id": self.fit_id,
            "fitted_at": self.fitted_at.isoformat(), "seconds": round(self.seconds, 2),
            "parameters": [round(p, 4) for p in self.in_use],
            "fitted_parameters": [round(p, 4) for p in self.fitted],
            "desired_retention": self.desired_retention,
            "optimal_retention": self.optimal_retention,
            "optimal_retention_note": self.optimal_retention_note,
            "metrics": {name: m.to_json() for name, m in self.metrics.items()},
        }


def _better_or_equal(fitted: Metrics, current: Metrics) -> bool:
    if fitted.log_loss is None or current.log_loss is None:
        return fitted.log_loss is not None
    return fitted.log_loss <= current.log_loss


def optimize(store: Any, *, now: datetime | None = None, timeout_s: float | None = None,
             optimal_retention: bool = True, fit: Callable[..., ChildFit] = run_fit,
             cancelled: Callable[[], bool] | None = None) -> OptimizeResult:
    """Fit FSRS to the learner's question reviews and keep the parameters when they predict
    the learner's log at least as well (log-loss) as those in use; raises :class:`FitError`
    when the fit fails (nothing changes then). ``fit`` is :func:`run_fit` (replaceable in
    tests)."""
    now = utc(now or datetime.now(timezone.utc))
    with store.snapshot():
        events = store.review_events()
        current = tuple(store.scheduler.parameters)
    started = time.perf_counter()
    usable = usable_review_count(events)
    if usable < MIN_REVIEWS_TO_FIT:
        # py-fsrs would return its defaults: say so without starting torch for nothing
        child = ChildFit(tuple(DEFAULT_PARAMETERS), usable, True, None,
                         "not computed: the fit fell back to the default parameters", 0.0)
    else:
        child = fit(events, timeout_s=timeout_s, optimal_retention=optimal_retention,
                    cancelled=cancelled)
    seconds = time.perf_counter() - started
    sets: dict[str, Sequence[float]] = {"defaults": DEFAULT_PARAMETERS, "current": current}
    if not child.fallback:
        sets["fitted"] = child.parameters
    metrics = compare(events, sets)
    stored, kept, fit_id = False, None, None
    if child.fallback:
        kept = "fallback"
    elif not _better_or_equal(metrics["fitted"], metrics["current"]):
        kept = "worse"
    else:
        saved = store.save_fit(
            child.parameters, reviews=len(events), reviews_used=child.reviews_used,
            optimal_retention=child.optimal_retention,
            optimal_retention_note=child.optimal_retention_note,
            metrics={name: m.to_json() for name, m in metrics.items()}, seconds=seconds,
            when=now)
        stored, fit_id = True, saved.id
    return OptimizeResult(
        reviews=len(events), reviews_used=child.reviews_used, fallback=child.fallback,
        stored=stored, kept_reason=kept, fitted=child.parameters,
        in_use=tuple(store.scheduler.parameters), desired_retention=store.desired_retention,
        optimal_retention=child.optimal_retention,
        optimal_retention_note=child.optimal_retention_note, metrics=metrics, fitted_at=now,
        seconds=seconds, fit_id=fit_id)


def set_desired_retention(store: Any, value: Any) -> float:
    """Store the learner's desired retention (ValueError outside 0.70..0.97); returns it."""
    return store.set_desired_retention(value)


@dataclass(frozen=True)
class FitStatus:
    """The scheduler's state for the command layer and the stats: the desired retention beside
    the optimal one from the last fit, the parameters in use, the last fit and the offer."""

    desired_retention: float
    optimal_retention: float | None
    optimal_retention_note: str | None
    parameters: tuple[float, ...]
    fitted: bool
    last_fit: Any
    offer: FitOffer
    defaults: tuple[float, ...] = field(default=tuple(DEFAULT_PARAMETERS))

    def to_json(self) -> dict[str, Any]:
        last = self.last_fit
        return {
            "desired_retention": self.desired_retention,
            "optimal_retention": self.optimal_retention,
            "optimal_retention_note": self.optimal_retention_note,
            "fitted": self.fitted, "parameters": [round(p, 4) for p in self.parameters],
            "last_fit": None if last is None else {
                "id": last.id, "fitted_at": last.fitted_at.isoformat(), "reviews": last.reviews,
                "reviews_used": last.reviews_used, "metrics": last.metrics},
            "offer": {"offer": self.offer.offer, "reason": self.offer.reason,
                      "usable_reviews": self.offer.usable_reviews, "needed": self.offer.needed},
        }


def fit_status(store: Any) -> FitStatus:
    """Where the learner's scheduler stands (nothing is fitted or changed)."""
    with store.snapshot():
        events = store.review_events()
        last = store.last_fit()
        scheduler = store.scheduler
    offer = fit_offer(usable_review_count(events), last.reviews_used if last else None)
    return FitStatus(
        desired_retention=float(scheduler.desired_retention),
        optimal_retention=last.optimal_retention if last else None,
        optimal_retention_note=(last.optimal_retention_note if last else
                                "not computed yet: no fit of your parameters so far"),
        parameters=tuple(scheduler.parameters), fitted=last is not None, last_fit=last,
        offer=offer)


def learner_calibration(store: Any, parameters: Sequence[float] | None = None) -> Calibration:
    """Predicted against recalled retention per month over the learner's review log, with the
    parameters in use (or ``parameters``), for ``quizapp stats`` and the stats screen."""
    with store.snapshot():
        events = store.review_events()
        in_use = tuple(store.scheduler.parameters)
    return calibration(events, parameters if parameters is not None else in_use)
