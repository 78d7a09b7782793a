"""Benchmark of fitting FSRS to a learner's review log (``quizapp optimize``).

    python benchmarks/fsrs_fit.py [--reviews 10000 100000] [--no-retention] [--timeout S]

For each size, a synthetic log is generated from known parameters
(:data:`quizapp.fsrs_synthetic.FORGETFUL_LEARNER`, a learner who forgets faster than FSRS-6's
defaults assume) and fitted the way the app fits: in the child process, through
:func:`quizapp.fsrs_fit.run_fit`. Prints, per size: the usable reviews, the fit's time (the
optimizer alone as the child measured it, wall-clock and CPU, since a shared machine stretches
the first; and the whole child process with its torch import and the JSON both ways), the
optimal-retention search's time, and the log-loss and RMSE (bins) of the defaults, the fitted
and the true parameters over the same log.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.calibration import compare, usable_review_count  # noqa: E402
from quizapp.fsrs_fit import FitError, run_fit  # noqa: E402
from quizapp.fsrs_synthetic import FORGETFUL_LEARNER, synthetic_log  # noqa: E402
from quizapp.scheduling import DEFAULT_PARAMETERS  # noqa: E402


def bench(reviews: int, retention: bool, timeout: float | None) -> None:
    started = time.perf_counter()
    log = synthetic_log(reviews, seed=reviews)
    made = time.perf_counter() - started
    usable = usable_review_count(log)
    print(f"{reviews:>7} reviews ({usable} usable), log generated in {made:.1f} s", flush=True)
    started = time.perf_counter()
    try:
        fit = run_fit(log, timeout_s=timeout, optimal_retention=retention)
    except FitError as exc:
        print(f"         fit failed ({exc.kind}): {exc}")
        return
    wall = time.perf_counter() - started
    print(f"         fit {fit.seconds:.1f} s wall, {fit.cpu_seconds:.1f} s CPU (optimizer); "
          f"{wall:.1f} s for the child process in all")
    if retention:
        shown = ("-" if fit.optimal_retention is None else f"{fit.optimal_retention:.2f}")
        print(f"         optimal retention {shown} in {fit.retention_seconds:.1f} s"
              + (f" ({fit.optimal_retention_note})" if fit.optimal_retention_note else ""))
    started = time.perf_counter()
    metrics = compare(log, {"defaults": DEFAULT_PARAMETERS, "fitted": fit.parameters,
                            "true": FORGETFUL_LEARNER})
    judged = time.perf_counter() - started
    for name, m in metrics.items():
        print(f"         {name:<8} log-loss {m.log_loss:.4f}  RMSE (bins) {m.rmse:.4f}")
    print(f"         metrics of three parameter sets over the log: {judged:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-retention", action="store_true",
                        help="skip the optimal-retention search (it costs the same at any size)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds before a fit is killed (default: the app's, scaled)")
    args = parser.parse_args()
    for reviews in args.reviews:
        bench(reviews, not args.no_retention, args.timeout)


if __name__ == "__main__":
    main()
