"""The schedule described in words: desired beside optimal retention, the last fit and its
figures before and after, and the calibration per month (what ``quizapp optimize``,
``quizapp stats`` and the stats screen show). Returns lines of text; prints nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quizapp.table import render_table
from quizapp.texts import tr


def _num(value: float | None, digits: int = 4) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def when_text(moment) -> str:
    """A moment in local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def metric_lines(metrics: dict, lang: str) -> list[str]:
    """Log-loss and RMSE of each parameter set (``Metrics`` values), as a small table."""
    names = [tr(f"fit.set.{name}", lang) for name in metrics]
    width = max(len(n) for n in names + [tr("fit.col.set", lang)])
    lines = [tr("fit.metrics", lang),
             f"  {tr('fit.col.set', lang):<{width}}  {tr('fit.col.log_loss', lang):>10}"
             f"  {tr('fit.col.rmse', lang):>11}"]
    for name, m in zip(names, metrics.values()):
        lines.append(f"  {name:<{width}}  {_num(m.log_loss):>10}  {_num(m.rmse):>11}")
    return lines


def retention_lines(desired: float, optimal: float | None, note: str | None,
                    lang: str) -> list[str]:
    """The desired retention beside the optimal one, and how to use the optimal one."""
    lines = [tr("fit.retention", lang, desired=f"{desired:.2f}",
                optimal=_num(optimal, 2) if optimal is not None else "-")]
    if optimal is not None and abs(optimal - desired) > 1e-9:
        lines.append("  " + tr("fit.retention_hint", lang, optimal=f"{optimal:.2f}"))
    elif optimal is None and note:
        lines.append("  " + tr("fit.no_optimal", lang, why=note))
    return lines


def format_status(status: Any, lang: str) -> str:
    """The text after ``--retention``: the retention beside the optimal one, and the last fit."""
    lines = retention_lines(status.desired_retention, status.optimal_retention,
                             status.optimal_retention_note if status.fitted else None, lang)
    last = status.last_fit
    lines.append(tr("fit.last_fit", lang, when=when_text(last.fitted_at), used=last.reviews_used)
                 if last is not None else tr("fit.never", lang))
    offer = status.offer
    lines.append(tr("fit.offer", lang) if offer.offer else
                 tr("fit.not_yet", lang, needed=offer.needed, used=offer.usable_reviews))
    return "\n".join(lines)


def _pct_or_dash(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _metric(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def _fit_figure_lines(metrics: Mapping[str, Any], lang: str) -> list[str]:
    """Log-loss and RMSE of each parameter set the last fit compared (before and after)."""
    rows = []
    for name, m in metrics.items():
        m = m if isinstance(m, Mapping) else m.to_json()
        rows.append((tr(f"fit.set.{name}", lang), _metric(m.get("log_loss")), _metric(m.get("rmse"))))
    header = (tr("fit.col.set", lang), tr("fit.col.log_loss", lang), tr("fit.col.rmse", lang))
    return ["  " + line for line in render_table((*header, ""), [(*r, "") for r in rows],
                                                 right=frozenset({1, 2}))]


def schedule_lines(cal, status, lang: str) -> list[str]:
    """The stats' section on the schedule itself: desired beside optimal retention, the last fit
    (with its figures before and after) or when one will be offered, and the calibration: the
    retention FSRS predicted against the share recalled, per month, with the log-loss and RMSE
    of the parameters in use."""
    lines = [tr("cli.stats.schedule", lang), *("  " + line for line in
                                               format_status(status, lang).splitlines())]
    last = status.last_fit
    if last is not None and last.metrics:
        lines += ["  " + tr("fit.metrics", lang), *_fit_figure_lines(last.metrics, lang)]
    lines += ["", tr("cli.stats.calibration", lang)]
    if not cal.months:
        return [*lines, "  " + tr("cli.stats.no_calibration", lang)]
    header = tuple(tr(f"cli.stats.cal.{c}", lang) for c in ("month", "reviews", "predicted",
                                                             "recalled"))
    rows = [(m.month, str(m.reviews), _pct_or_dash(m.predicted), _pct_or_dash(m.recalled))
            for m in cal.months[-12:]]
    lines += ["  " + line for line in render_table((*header, ""), [(*r, "") for r in rows],
                                                   right=frozenset({1, 2, 3}))]
    lines.append("  " + tr("cli.stats.cal.metrics", lang, n=cal.metrics.reviews,
                           log_loss=_metric(cal.metrics.log_loss), rmse=_metric(cal.metrics.rmse)))
    return lines
