"""The grading engine's figures: warm re-grades, a class with 2 slots against 1, slot memory.

Prints, in one run:

* the warm re-grade of a kata through one slot (median ms per grade, ``--kata``);
* a class of ``--class-size`` submissions (the kata's reference and wrong files, repeated)
  graded with ``--jobs 2`` and ``--jobs 1`` (seconds each, and the speed-up);
* the resident memory of one warm slot and of a pool of two (the zygotes and their sandboxes).

Usage: python benchmarks/grading_engine.py [--kata custom-linear] [--grades 20] [--class-size 60]
For the cold one-off grade see benchmarks/grade_cold.py; for the lint, `quizapp kata lint`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.pool import Pool  # noqa: E402


def rss_mb(pids: set[int]) -> float:
    """Resident memory of the processes and all their descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, todo = 0, list(pids)
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/status") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def class_of(kata: Path, size: int, folder: Path) -> list[Path]:
    sources = [kata / "reference.py", *sorted((kata / "wrong").glob("*.py"))]
    files = []
    for i in range(size):
        target = folder / f"candidate-{i:03d}.py"
        shutil.copyfile(sources[i % len(sources)], target)
        files.append(target)
    return files


def grade_class(kata: Path, files: list[Path], jobs: int) -> float:
    with Pool(jobs, device="cpu") as pool:
        for slot in pool.slots:
            slot.wait_ready()
        started = time.perf_counter()
        for _ in pool.grade_many((kata, f) for f in files):
            pass
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", default="custom-linear")
    parser.add_argument("--grades", type=int, default=20)
    parser.add_argument("--class-size", type=int, default=60)
    args = parser.parse_args()
    kata = ROOT / "katas" / args.kata
    reference = kata / "reference.py"

    with Pool(1, device="cpu") as pool:
        pool.grade(kata, reference)  # the first grade plans the kata
        times = []
        for _ in range(args.grades):
            started = time.perf_counter()
            pool.grade(kata, reference)
            times.append(time.perf_counter() - started)
        one = rss_mb({s.process.pid for s in pool.slots})
    print(f"warm re-grade of {args.kata} through one slot: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; {args.grades} grades)")
    with Pool(2, device="cpu") as pool:
        for slot in pool.slots:
            slot.wait_ready()
        two = rss_mb({s.process.pid for s in pool.slots})
    print(f"resident memory: one warm slot {one:.0f} MB, a pool of two {two:.0f} MB")

    folder = Path(tempfile.mkdtemp(prefix="grading-bench-"))
    try:
        files = class_of(kata, args.class_size, folder)
        serial = grade_class(kata, files, 1)
        parallel = grade_class(kata, files, 2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"a class of {len(files)} files: --jobs 1 {serial:.1f} s, --jobs 2 {parallel:.1f} s, "
          f"speed-up {serial / parallel:.2f}x (cores: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
