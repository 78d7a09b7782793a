"""How long the app takes to start: from launching the process to the first screen, next to
the time Python needs just to import Textual.

    .venv/bin/python benchmarks/tui_startup.py [-n 7] [--size 120x40]

Each run is a fresh process that imports ``quizapp.tui.app``, starts the app headless (Textual's
``run_test``, the same start-up path as a terminal without the terminal) and reports two moments
on stdout: ``home``, when the home screen has been painted once; ``keys``, when a key pressed
then (down) has moved the highlight in the list of actions; and ``ready``, when the banks and katas, read in the
background, are on the home screen. The parent
times each from the moment it started the process, so interpreter start-up and imports are
included. Baselines in fresh processes: ``python -c pass`` and ``python -c "import textual"``.

The first run fills the cache of parsed banks and is left out; the figures are the median, min and
max of the rest. Runs use a temporary user data folder and database, and the project's banks and
katas. The child also checks that torch was never imported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import asyncio, os, sys
from textual import events
from quizapp.tui.app import QuizApp

async def main(width, height):
    app = QuizApp()
    async with app.run_test(size=(width, height)) as pilot:
        while type(app.screen).__name__ != "HomeScreen":
            await asyncio.sleep(0.002)
        painted = asyncio.get_running_loop().create_future()
        app.call_after_refresh(lambda: painted.set_result(None))
        await painted
        print("home", flush=True)
        actions = app.screen.query_one("#home-actions")
        key = events.Key("down", None)              # a key works: the highlight moves
        key.set_sender(app)
        app._driver.send_message(key)               # (pilot.press would wait for idle)
        while actions.highlighted != 1:
            await asyncio.sleep(0.002)
        print("keys", flush=True)
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("ready" if app.ready else "not-ready", flush=True)
        print("torch" if "torch" in sys.modules else "no-torch", flush=True)
    os._exit(0)   # the exit is not part of start-up

asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
"""


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QUIZAPP_DATA"] = str(data)
    env["QUIZAPP_DB"] = str(data / "progress.db")
    env.pop("QUIZAPP_CACHE", None)
    return env


def time_app(size: tuple[int, int], env: dict[str, str]) -> dict[str, float | str]:
    """One start: seconds from spawning the process to each moment it reports."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(size[0]), str(size[1])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    marks: dict[str, float | str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word = line.strip()
        if word in ("home", "keys", "ready", "not-ready"):
            marks[word] = time.perf_counter() - start
        elif word in ("torch", "no-torch"):
            marks["torch"] = word
    proc.wait()
    if "home" not in marks:
        raise RuntimeError(f"the app did not start: {proc.stderr.read()[-2000:]}")
    return marks


def time_command(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "min_ms": round(min(values) * 1000, 1), "max_ms": round(max(values) * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as folder:
        env = _env(Path(folder))
        time_app(size, env)  # warm-up: fills the bank cache, as any start after the first
        runs = [time_app(size, env) for _ in range(args.n)]
        python = [time_command("pass", env) for _ in range(args.n)]
        textual = [time_command("import textual", env) for _ in range(args.n)]
    result = {
        "runs": args.n,
        "python -c pass": summary(python),
        "python -c 'import textual'": summary(textual),
        "app: home screen painted": summary([r["home"] for r in runs]),
        "app: first key handled": summary([r["keys"] for r in runs]),
        "app: banks and katas on it": summary([r["ready"] for r in runs if "ready" in r]),
        "torch imported": any(r.get("torch") == "torch" for r in runs),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"TUI start-up, {args.n} runs each (fresh processes; median [min-max] ms)")
    for name, value in result.items():
        if isinstance(value, dict):
            print(f"  {name:<30} {value['median_ms']:>8.1f}  "
                  f"[{value['min_ms']:.1f}-{value['max_ms']:.1f}]")
    print(f"  torch imported by the app:     {'yes' if result['torch imported'] else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
