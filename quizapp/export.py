"""What `quizapp export` writes: the review log and kata attempts as JSON or CSV, written safely."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

# CSV: one row per review or kata attempt, told apart by ``kind``.
CSV_COLUMNS = ("kind", "id", "item_id", "at", "rating", "correct", "self_grade", "answer",
               "duration_s", "content_hash", "source", "mock_session_id", "device", "status",
               "code", "report")


def export_data(store) -> dict[str, Any]:
    """Everything worth keeping outside the database, as a JSON-ready dict: the review log,
    kata attempts (with code and report) and mock interviews (with their items), oldest first,
    column for column as stored (times in UTC ISO 8601)."""
    with store.snapshot():
        reviews = store.rows("reviews")
        attempts = store.rows("kata_attempts")
        sessions = store.rows("mock_sessions")
        items = store.rows("mock_items")
        version = store.schema_version
    by_session: dict[int, list] = {}
    for item in items:
        by_session.setdefault(item["session_id"], []).append(item)
    for session in sessions:
        session["items"] = by_session.get(session["id"], [])
    return {
        "exported_at": datetime.now(timezone.utc).isoformat(),
        "db": str(store.path),
        "schema_version": version,
        "reviews": reviews,
        "kata_attempts": attempts,
        "mock_sessions": sessions,
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_csv(data: dict[str, Any]) -> str:
    """The reviews and kata attempts of :func:`export_data` as one CSV table."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in data["reviews"]:
        writer.writerow({k: _cell(v) for k, v in {
            "kind": "review", "id": r["id"], "item_id": r["question_id"], "at": r["reviewed_at"],
            "rating": r["rating"], "correct": r["correct"], "self_grade": r["self_grade"],
            "answer": r["answer"],
            "duration_s": None if r["duration_ms"] is None else r["duration_ms"] / 1000,
            "content_hash": r["content_hash"], "source": r["source"],
            "mock_session_id": r["mock_session_id"]}.items()})
    for a in data["kata_attempts"]:
        writer.writerow({k: _cell(v) for k, v in {
            "kind": "kata_attempt", "id": a["id"], "item_id": a["kata_id"],
            "at": a["attempted_at"], "duration_s": a["duration_s"], "source": a["source"],
            "mock_session_id": a["mock_session_id"], "device": a["device"],
            "status": a["status"], "code": a["code"], "report": a["report"]}.items()})
    return out.getvalue()


def write_file(path: Path, text: str) -> None:
    """Write through a temporary file and a rename, so a failed export leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
