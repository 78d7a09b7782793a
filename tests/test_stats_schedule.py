"""`quizapp stats` on the schedule itself: retention desired and optimal, the fit, calibration."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from quizapp.cli import main
from quizapp.store import Store

T0 = datetime(2026, 9, 1, 12, 0, tzinfo=timezone.utc)


def _log(db):
    with Store.open(db) as store:
        for day in range(0, 70, 7):
            for q in range(6):
                store.record_review(f"q{q}", correct=(day + q) % 3 != 0,
                                    when=T0 + timedelta(days=day, minutes=q))


def test_stats_show_calibration_per_month_and_where_the_fit_stands(tmp_path, capsys):
    db = tmp_path / "p.db"
    _log(db)
    assert main(["stats", "--db", str(db), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "The schedule (FSRS)" in out and "desired retention 0.90" in out.lower()
    assert "2026-09" in out and "2026-10" in out and "Predicted" in out and "Recalled" in out
    assert "log-loss" in out and "RMSE" in out
    assert main(["stats", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    months = data["calibration"]["months"]
    assert [m["month"] for m in months][:2] == ["2026-09", "2026-10"]
    assert all(0 <= m["predicted"] <= 1 and 0 <= m["recalled"] <= 1 for m in months)
    assert data["schedule"]["desired_retention"] == 0.9


def test_stats_in_korean(tmp_path, capsys):
    db = tmp_path / "p.db"
    _log(db)
    assert main(["stats", "--db", str(db), "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "복습 일정 (FSRS)" in out and "예측" in out and "목표 기억률 0.90" in out
