"""A child process for the store tests: stores the answers of a running mock, then waits to be
killed (as a mock the app dies in).

    python tests/mock_writer.py DB COUNT

Starts a mock session, stores COUNT answers (one short transaction each, as the app does),
printing ``answer <position>`` after each commit, then ``waiting`` and sleeps.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.store import Store  # noqa: E402


def main() -> int:
    db, count = sys.argv[1], int(sys.argv[2])
    store = Store.open(db)
    sid = store.start_mock_session(15, 7, {"minutes": 15, "seed": 7, "items": [
        {"kind": "question", "id": f"q{n}", "minutes": 1} for n in range(count)]})
    print(f"session {sid}", flush=True)
    for n in range(count):
        store.save_mock_answer(sid, n, "question", f"q{n}", answer=f"answer {n}",
                               time_used_s=float(n + 1))
        print(f"answer {n}", flush=True)
    print("waiting", flush=True)
    time.sleep(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
