"""FSRS fitted to the learner: the fit in its child process, what is kept, when a fit is offered,
the desired retention, and ``quizapp optimize``."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from quizapp import fsrs_fit
from quizapp.calibration import usable_review_count
from quizapp.fsrs_fit import ChildFit, FitError, fit_offer, fit_offer_for, optimize, run_fit
from quizapp.fsrs_synthetic import FORGETFUL_LEARNER, synthetic_log
from quizapp.scheduling import DEFAULT_PARAMETERS, Rating
from quizapp.store import Store

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
#: The smallest synthetic log with enough usable reviews (>= 512) for py-fsrs to fit at all.
SMALLEST_FITTABLE = 740


def fill(store: Store, log) -> None:
    for e in log:
        store.record_review(e.card, rating=e.rating, duration_ms=e.duration_ms, when=e.at)


@pytest.fixture
def store():
    with Store.open(":memory:") as s:
        yield s


def never_called(*args, **kwargs):
    raise AssertionError("the fit's child process should not have been started")


# -- the real fit, in its child process (the one slow test) ---------------------------------

def test_the_fit_recovers_a_known_learner_better_than_the_defaults(store):
    log = synthetic_log(SMALLEST_FITTABLE, seed=7)
    assert usable_review_count(log) >= fsrs_fit.MIN_REVIEWS_TO_FIT
    fill(store, log)
    result = optimize(store, now=T0, optimal_retention=False)
    assert not result.fallback and result.stored and result.kept_reason is None
    assert result.reviews == SMALLEST_FITTABLE and result.reviews_used == usable_review_count(log)
    fitted, defaults = result.metrics["fitted"], result.metrics["defaults"]
    assert fitted.rmse < defaults.rmse and fitted.log_loss < defaults.log_loss
    # the initial stability after "Good" moves from FSRS-6's towards this learner's
    assert abs(result.fitted[2] - FORGETFUL_LEARNER[2]) < abs(DEFAULT_PARAMETERS[2]
                                                               - FORGETFUL_LEARNER[2])
    # stored with its date and size, and used for every review from now on
    last = store.last_fit()
    assert (last.fitted_at, last.reviews, last.reviews_used) == (T0, result.reviews,
                                                                 result.reviews_used)
    assert store.scheduler.parameters == pytest.approx(result.fitted)
    new = store.record_review("never-seen", rating=Rating.Good, when=T0)
    assert new.stability == pytest.approx(result.fitted[2])
    assert fit_offer_for(store).reason == "recent"


# -- what is kept --------------------------------------------------------------------------

def test_too_few_reviews_fall_back_to_the_defaults_and_say_so(store):
    fill(store, synthetic_log(200, seed=1))
    result = optimize(store, now=T0, fit=never_called)
    assert result.fallback and not result.stored and result.kept_reason == "fallback"
    assert result.reviews_used < result.needed == 512
    assert store.fits() == [] and store.scheduler.parameters == DEFAULT_PARAMETERS


def test_a_failed_fit_changes_nothing(store):
    fill(store, synthetic_log(SMALLEST_FITTABLE, seed=2))

    def killed(*args, **kwargs):
        raise FitError("the fit did not finish within 5 s and was stopped", "timeout")

    with pytest.raises(FitError):
        optimize(store, now=T0, fit=killed)
    assert store.fits() == [] and store.scheduler.parameters == DEFAULT_PARAMETERS


def test_parameters_that_predict_the_learner_worse_are_not_kept(store):
    fill(store, synthetic_log(SMALLEST_FITTABLE, seed=2))
    wrong = list(DEFAULT_PARAMETERS)
    wrong[0:4] = [50.0, 60.0, 80.0, 100.0]  # a learner who never forgets
    result = optimize(store, now=T0, fit=lambda events, **kw: ChildFit(
        tuple(wrong), usable_review_count(events), False, 0.8, None, 1.0))
    assert not result.stored and result.kept_reason == "worse"
    assert store.fits() == [] and store.scheduler.parameters == DEFAULT_PARAMETERS


def test_the_optimal_retention_is_kept_beside_the_desired_one(store):
    fill(store, synthetic_log(SMALLEST_FITTABLE, seed=2))
    fitted = list(DEFAULT_PARAMETERS)
    fitted[2] = 1.5
    store.set_desired_retention(0.9)
    result = optimize(store, now=T0, fit=lambda events, **kw: ChildFit(
        tuple(fitted), usable_review_count(events), False, 0.85, None, 1.0))
    assert result.stored and (result.desired_retention, result.optimal_retention) == (0.9, 0.85)
    status = fsrs_fit.fit_status(store)
    assert (status.desired_retention, status.optimal_retention) == (0.9, 0.85)
    assert status.fitted and status.parameters == pytest.approx(tuple(fitted))


# -- the child process ---------------------------------------------------------------------

def fake_python(tmp_path, body: str) -> str:
    """An executable that stands in for the interpreter running the child module."""
    path = tmp_path / "fake-python"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


LOG = synthetic_log(30, seed=4)


def test_a_fit_past_its_timeout_is_killed(tmp_path):
    python = fake_python(tmp_path, "cat > /dev/null; exec sleep 60")
    started = time.monotonic()
    with pytest.raises(FitError) as caught:
        run_fit(LOG, timeout_s=1, python=python)
    assert caught.value.kind == "timeout" and "nothing was changed" in str(caught.value)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("body, kind, words", [
    ("echo oops >&2; exit 1", "crashed", "oops"),
    ("echo 'not json'", "output", "not understood"),
    ("echo '{\"parameters\": [1, 2], \"reviews_used\": 3, \"fallback\": false}'", "output",
     "not understood"),
    ("echo '{\"error\": \"the FSRS optimizer is not installed\", \"kind\": \"missing\"}'; exit 3",
     "missing", "not installed"),
])
def test_a_child_that_fails_is_a_clear_error(tmp_path, body, kind, words):
    with pytest.raises(FitError) as caught:
        run_fit(LOG, timeout_s=30, python=fake_python(tmp_path, "cat > /dev/null; " + body))
    assert caught.value.kind == kind and words in str(caught.value)


def test_the_child_sees_the_log_as_json(tmp_path):
    seen = tmp_path / "seen.json"
    reply = json.dumps({"parameters": list(DEFAULT_PARAMETERS), "reviews_used": 0,
                        "fallback": True, "optimal_retention": None, "seconds": 0})
    fit = run_fit(LOG, timeout_s=30, python=fake_python(
        tmp_path, f"cat > {seen}; echo '{reply}'"))
    payload = json.loads(seen.read_text())
    assert len(payload["reviews"]) == len(LOG)
    card, at, rating, duration = payload["reviews"][0]
    assert (card, datetime.fromisoformat(at), rating, duration) == (
        LOG[0].card, LOG[0].at, LOG[0].rating, LOG[0].duration_ms)
    assert fit.fallback and fit.parameters == DEFAULT_PARAMETERS


def test_a_large_log_reaches_a_child_that_reads_late(tmp_path):
    # the real child reads its stdin only once torch is imported; the log is far over a pipe's
    # 64 KiB
    seen = tmp_path / "seen.json"
    reply = json.dumps({"parameters": list(DEFAULT_PARAMETERS), "reviews_used": 0,
                        "fallback": True, "optimal_retention": None, "seconds": 0})
    big = synthetic_log(5000, seed=6)
    run_fit(big, timeout_s=60, python=fake_python(
        tmp_path, f"sleep 1; cat > {seen}; echo '{reply}'"))
    assert len(json.loads(seen.read_text())["reviews"]) == len(big)


def test_the_optimal_retention_says_why_it_is_missing():
    from quizapp._fsrs_fit_child import _optimal_retention

    class NoCosts:
        def __init__(self, logs):
            self.logs = logs

        def compute_optimal_retention(self, parameters):
            raise ZeroDivisionError("division by zero")

    timed = [SimpleNamespace(review_duration=4000)] * 600
    untimed = [SimpleNamespace(review_duration=None)] * 600
    assert _optimal_retention(NoCosts, untimed, [])[1].startswith("needs 512 reviews")
    value, note = _optimal_retention(NoCosts, timed, [])
    assert value is None and "could not be computed" in note


def test_the_app_side_of_the_fit_never_imports_torch():
    code = ("import sys, quizapp.fsrs_fit, quizapp.calibration, quizapp.store, "
            "quizapp.commands.optimize; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


# -- when a fit is offered -----------------------------------------------------------------

@pytest.mark.parametrize("usable, last, offer, reason", [
    (511, None, False, "too_few"),
    (512, None, True, "first"),
    (600, 512, False, "recent"),
    (640, 512, True, "grown"),        # 25% more than the last fit used
    (700, 1000, True, "first"),       # a smaller log than at the last fit: progress was reset
    (300, 1000, False, "too_few"),
])
def test_a_fit_is_offered_once_enough_new_reviews_came_in(usable, last, offer, reason):
    result = fit_offer(usable, last)
    assert (result.offer, result.reason) == (offer, reason)


# -- the desired retention -----------------------------------------------------------------

def test_the_desired_retention_is_stored_and_schedules_reviews(tmp_path):
    db = tmp_path / "progress.db"
    with Store.open(db) as s:
        assert s.desired_retention == 0.9
        s.set_desired_retention(0.8)
    with Store.open(db) as s:
        assert s.scheduler.desired_retention == 0.8
        low = s.record_review("a", rating=Rating.Easy, when=T0)
        s.set_desired_retention(0.95)
        high = s.record_review("b", rating=Rating.Easy, when=T0)
    assert low.due - T0 > high.due - T0  # aiming to remember more means reviewing sooner


@pytest.mark.parametrize("value", [0.5, 0.99, "lots"])
def test_a_desired_retention_out_of_range_is_refused(store, value):
    with pytest.raises(ValueError, match=r"between 0\.70 and 0\.97"):
        store.set_desired_retention(value)
    assert store.desired_retention == 0.9


# -- quizapp optimize ----------------------------------------------------------------------

def test_optimize_sets_the_retention_and_refuses_a_bad_one(capsys):
    from quizapp.cli import main

    assert main(["optimize", "--retention", "0.99"]) == 2
    assert "between 0.70 and 0.97" in capsys.readouterr().err
    assert main(["optimize", "--retention", "0.85", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["desired_retention"] == 0.85 and status["offer"]["reason"] == "too_few"
    assert main(["optimize", "--retention", "0.8", "--lang", "en"]) == 0
    assert "Desired retention set to 0.80" in capsys.readouterr().out


def test_optimize_on_a_small_log_says_it_kept_the_defaults(capsys, tmp_path):
    from quizapp.cli import main

    db = tmp_path / "small.db"
    with Store.open(db) as s:
        fill(s, synthetic_log(150, seed=5))
    assert main(["optimize", "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "FSRS needs 512 to fit, so the default parameters stay in use" in out
    assert "log-loss" in out and "Desired retention 0.90" in out
    assert main(["optimize", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fallback"] and not data["stored"] and data["reviews"] == 150
    assert set(data["metrics"]) == {"defaults", "current"}
