"""Cold `quizapp grade` time for a small kata, as a ratio to `python -c "import torch"`.

Both commands run as fresh processes, interleaved, several times; medians are compared so that a
busy moment on the machine hits both. Usage: python benchmarks/grade_cold.py [--runs N] [--kata ID]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kata", default="custom-linear")
    args = parser.parse_args()
    submission = ROOT / "katas" / args.kata / "reference.py"
    env = dict(os.environ, QUIZAPP_DB=str(Path(tempfile.mkdtemp()) / "bench.db"))
    grade_cmd = [sys.executable, "-m", "quizapp", "grade", args.kata, str(submission), "--device", "cpu", "--no-record"]
    import_cmd = [sys.executable, "-c", "import torch"]
    timed(import_cmd, env)  # warm the page cache for both
    timed(grade_cmd, env)
    grades, imports = [], []
    for _ in range(args.runs):
        imports.append(timed(import_cmd, env))
        grades.append(timed(grade_cmd, env))
    g, i = statistics.median(grades), statistics.median(imports)
    print(f"python -c 'import torch'   median {i:.3f} s  (min {min(imports):.3f}, max {max(imports):.3f})")
    print(f"quizapp grade {args.kata}  median {g:.3f} s  (min {min(grades):.3f}, max {max(grades):.3f})")
    print(f"ratio grade / import torch: {g / i:.2f}  (runs: {args.runs}, cores: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
