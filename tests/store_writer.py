"""A child process for the store tests: writes to a progress database and says what committed.

    python tests/store_writer.py DB PREFIX COUNT [--go FILE] [--hold]

Opens DB (after FILE exists, with --go), then records COUNT reviews of questions named
``PREFIX-<n % 20>`` and, every fifth review, a kata attempt with a few kilobytes of code. After
each commit it prints ``review <id>`` or ``kata <id>`` and flushes, so the parent knows exactly
what was committed. With --hold it opens a write transaction, records one review inside it,
prints ``holding`` and sleeps (the parent kills it there).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("prefix")
    parser.add_argument("count", type=int)
    parser.add_argument("--go", default=None)
    parser.add_argument("--hold", action="store_true")
    args = parser.parse_args()
    if args.go:
        while not Path(args.go).exists():
            time.sleep(0.005)
    store = Store.open(args.db)
    if args.hold:
        with store.transaction():
            store.record_review(f"{args.prefix}-held", correct=True)
            print("holding", flush=True)
            time.sleep(60)
        return 0
    code = "import torch\n" + "x = torch.zeros(3)  # padding the row\n" * 100
    for n in range(args.count):
        r = store.record_review(f"{args.prefix}-{n % 20}", correct=n % 3 != 0,
                                answer={"choice": n % 4, "text": "답 " * 10}, duration_ms=n,
                                content_hash=f"h{n % 20}")
        print(f"review {r.id}", flush=True)
        if n % 5 == 0:
            k = store.record_kata_attempt(f"{args.prefix}-kata", "cpu",
                                          "pass" if n % 2 else "fail", 0.5, code,
                                          {"version": 3, "status": "pass", "tests": []})
            print(f"kata {k}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
