"""``python -m grader.serve``: a warm grading slot in a process of its own.

For a program that must not import torch itself (the TUI's kata workbench): it starts this
process when a kata is opened, so the slot is warm by the first grade, and sends one request per
grade. Protocol, one JSON object per line:

* -> (on stdin) ``{"kata_dir": "...", "file": "...", "timeout_s": null, "lang": "ko"}`` (``lang``,
  optional, default English: the language of the report's check names, messages and diagnoses;
  the JSON's keys and statuses are the same in every language)
* <- (on stdout) the results-v3 report (``Report.to_json()``), or
  ``{"version": 3, "status": "usage", "message": "..."}`` for a bad request.

The first line it prints is ``{"ready": true}`` once the slot has loaded torch.
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="auto")
    args = parser.parse_args(argv)
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but replies on the real stdout
    from grader.pool import Pool, UsageError

    with Pool(1, device=args.device) as pool:
        pool.slots[0].wait_ready()
        reply(out, {"ready": True})
        for line in sys.stdin:
            try:
                request = json.loads(line)
                report = pool.grade(request["kata_dir"], request["file"], timeout_s=request.get("timeout_s"),
                                    lang=request.get("lang"))
                reply(out, report.to_json())
            except (UsageError, ValueError, KeyError, TypeError) as exc:
                reply(out, {"version": 3, "status": "usage", "message": str(exc), "tests": []})
    return 0


def reply(out, message: dict) -> None:
    out.write(json.dumps(message, ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    sys.exit(main())
